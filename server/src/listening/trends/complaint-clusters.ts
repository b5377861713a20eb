import { type ContentTermOptions, contentTerms } from './content-terms.ts';

export interface ComplaintPost {
  id: string;
  text: string;
  at: number;
}

export interface ComplaintCluster {
  id: number;
  size: number;
  /** The cluster's strongest terms, a readable label ("lost ring · refund"). */
  label: string;
  terms: string[];
  firstAt: number;
  lastAt: number;
  /** Posts closest to the centre of the cluster. */
  examples: { id: string; text: string }[];
  /** Posts per time bucket, from the first bucket holding any input post. */
  counts: { start: number; count: number }[];
  postIds: string[];
}

export interface ClusterOptions extends ContentTermOptions {
  /** Cosine similarity to a cluster's centre needed to join it (TF-IDF vectors). */
  similarity?: number;
  /** Smaller groups are left out of the result (one-off complaints are not a pattern). */
  minSize?: number;
  bucketMs?: number;
  examples?: number;
}

type Vector = Map<string, number>;

interface WorkingCluster {
  centroid: Vector;
  norm2: number;
  members: { post: ComplaintPost; vector: Vector }[];
}

/**
 * Groups similar complaints: TF-IDF vectors over content words and bigrams (IDF from the batch),
 * single pass in time order, each post joining the most similar cluster centre above the threshold
 * or starting a new cluster. Candidate clusters come from an inverted index of centre terms.
 */
export function clusterComplaints(posts: ComplaintPost[], options: ClusterOptions = {}): ComplaintCluster[] {
  const similarity = options.similarity ?? 0.3;
  const minSize = options.minSize ?? 3;
  const bucketMs = options.bucketMs ?? 3_600_000;
  const ordered = [...posts].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  const termLists = ordered.map((post) => contentTerms(post.text, options));
  const documentFrequency = new Map<string, number>();
  for (const terms of termLists)
    for (const term of terms) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const idf = (term: string) => Math.log((ordered.length + 1) / ((documentFrequency.get(term) ?? 0) + 1)) + 1;

  const clusters: WorkingCluster[] = [];
  const clustersByTerm = new Map<string, Set<number>>();
  ordered.forEach((post, index) => {
    const vector = unitVector(termLists[index]!, idf);
    if (vector.size === 0) return;
    let best = -1;
    let bestScore = similarity;
    const candidates = new Set<number>();
    for (const term of vector.keys()) for (const c of clustersByTerm.get(term) ?? []) candidates.add(c);
    for (const c of candidates) {
      const cluster = clusters[c]!;
      let dot = 0;
      for (const [term, weight] of vector) dot += weight * (cluster.centroid.get(term) ?? 0);
      const score = dot / Math.sqrt(cluster.norm2);
      if (score >= bestScore) {
        bestScore = score;
        best = c;
      }
    }
    if (best < 0) {
      best = clusters.length;
      clusters.push({ centroid: new Map(), norm2: 0, members: [] });
    }
    const cluster = clusters[best]!;
    for (const [term, weight] of vector) {
      const old = cluster.centroid.get(term) ?? 0;
      cluster.centroid.set(term, old + weight);
      cluster.norm2 += (old + weight) ** 2 - old ** 2;
      const owners = clustersByTerm.get(term);
      if (owners) owners.add(best);
      else clustersByTerm.set(term, new Set([best]));
    }
    cluster.members.push({ post, vector });
  });

  const firstBucket = ordered.length ? Math.floor(ordered[0]!.at / bucketMs) * bucketMs : 0;
  return clusters
    .filter((cluster) => cluster.members.length >= minSize)
    .sort((a, b) => b.members.length - a.members.length || a.members[0]!.post.at - b.members[0]!.post.at)
    .map((cluster, rank) => describeCluster(cluster, rank + 1, firstBucket, bucketMs, options.examples ?? 3));
}

function unitVector(terms: string[], idf: (term: string) => number): Vector {
  const vector: Vector = new Map();
  let norm2 = 0;
  for (const term of terms) {
    // Phrases weigh a little more: "lost ring" says more than "lost" and "ring" apart.
    const weight = idf(term) * (term.includes(' ') ? 1.5 : 1);
    vector.set(term, weight);
    norm2 += weight * weight;
  }
  const norm = Math.sqrt(norm2);
  for (const [term, weight] of vector) vector.set(term, weight / norm);
  return vector;
}

function describeCluster(
  cluster: WorkingCluster,
  id: number,
  firstBucket: number,
  bucketMs: number,
  exampleCount: number,
): ComplaintCluster {
  const terms = [...cluster.centroid]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([term]) => term)
    .slice(0, 5);
  const norm = Math.sqrt(cluster.norm2);
  const closeness = (vector: Vector) => {
    let dot = 0;
    for (const [term, weight] of vector) dot += weight * (cluster.centroid.get(term) ?? 0);
    return dot / norm;
  };
  const examples = [...cluster.members]
    .sort((a, b) => closeness(b.vector) - closeness(a.vector))
    .slice(0, exampleCount)
    .map(({ post }) => ({ id: post.id, text: post.text }));
  const times = cluster.members.map((member) => member.post.at);
  const lastAt = Math.max(...times);
  const counts: { start: number; count: number }[] = [];
  for (let start = firstBucket; start <= lastAt; start += bucketMs) counts.push({ start, count: 0 });
  for (const at of times) counts[Math.floor((at - firstBucket) / bucketMs)]!.count++;
  return {
    id,
    size: cluster.members.length,
    label: terms.slice(0, 3).join(' · '),
    terms,
    firstAt: Math.min(...times),
    lastAt,
    examples,
    counts,
    postIds: cluster.members.map((member) => member.post.id),
  };
}
