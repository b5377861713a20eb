import {
  INCIDENT_TEXTS,
  incidentRateMultiplier,
  type PlannedIncident,
  planWeeklyIncidents,
  type SimulatedIncident,
} from './incidents.ts';
import {
  type BrandProfile,
  brandMention,
  renderMention,
  renderNoise,
  type Sentiment,
  TOPICS,
} from './post-templates.ts';
import { createRandom, type Random } from './random.ts';
import { seasonalFactor } from './seasonality.ts';

export interface SimulatedPost {
  id: string;
  at: number;
  text: string;
  language: string;
  author: { handle: string; followers: number };
  /** Ground truth for tests and benchmarks. */
  sentiment: Sentiment;
  /** Brand the post is about, or null for unrelated chatter. */
  subject: string | null;
  incidentId: string | null;
  /** Engagement grows as final·(1 − e^(−t/τ)); see engagementAt. */
  engagement: { final: number; tauMinutes: number };
}

export interface SimulationOptions {
  seed: number;
  /** Epoch ms; Monday 00:00 UTC keeps weeks aligned with the seasonal profile. */
  start: number;
  days: number;
  brand?: BrandProfile;
  competitors?: BrandProfile[];
  brandMentionsPerDay?: number;
  competitorMentionsPerDay?: number[];
  unrelatedPostsPerDay?: number;
  /** Inject the weekly incidents (default true). */
  withIncidents?: boolean;
}

export const DEFAULT_BRAND: BrandProfile = {
  name: 'Orbly',
  handle: 'orbly',
  hashtag: 'orblydays',
  products: ['Orbly app', 'Orbly Pay', 'orbly.com', 'Orbly Plus'],
};
export const DEFAULT_COMPETITORS: BrandProfile[] = [
  { name: 'Shopwell', handle: 'shopwell', hashtag: 'shopwell', products: ['Shopwell app', 'Shopwell Go'] },
  { name: 'Cartly', handle: 'cartlyhq', hashtag: 'cartly', products: ['Cartly app', 'Cartly Wallet'] },
];

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const LANGUAGES = [
  ['en', 80],
  ['es', 8],
  ['fr', 6],
  ['de', 6],
] as const;
const BACKGROUND_SENTIMENT = [
  ['negative', 22],
  ['neutral', 46],
  ['positive', 32],
] as const;

/**
 * A deterministic stream of public posts about a brand and its competitors, with daily and weekly
 * seasonality, day-to-day drift, unrelated chatter and injected incidents; sorted by time.
 */
export function simulatePosts(options: SimulationOptions): {
  posts: SimulatedPost[];
  incidents: SimulatedIncident[];
} {
  const random = createRandom(options.seed);
  const brand = options.brand ?? DEFAULT_BRAND;
  const competitors = options.competitors ?? DEFAULT_COMPETITORS;
  const brandPerDay = options.brandMentionsPerDay ?? 3000;
  const competitorPerDay = options.competitorMentionsPerDay ?? competitors.map((_, i) => 1800 / (i + 1));
  const streams: { brand: BrandProfile | null; perDay: number }[] = [
    { brand, perDay: brandPerDay },
    ...competitors.map((competitor, i) => ({ brand: competitor, perDay: competitorPerDay[i] ?? 600 })),
    { brand: null, perDay: options.unrelatedPostsPerDay ?? 3000 },
  ];

  const plans: PlannedIncident[] = [];
  if (options.withIncidents ?? true) {
    for (let week = 0; week * 7 < options.days; week++) {
      const weekPlans = planWeeklyIncidents(
        random,
        options.start + week * 7 * DAY_MS,
        brand,
        competitors[0],
        `s${options.seed}w${week + 1}`,
      );
      plans.push(...weekPlans.filter((plan) => plan.incident.start < options.start + options.days * DAY_MS));
    }
  }

  const posts: SimulatedPost[] = [];
  let counter = 0;
  const push = (
    post: Omit<SimulatedPost, 'id' | 'author' | 'engagement'>,
    final?: number,
    followers?: number,
  ) => {
    const authorFollowers = followers ?? Math.round(random.logNormal(300, 1.5));
    posts.push({
      ...post,
      id: `s${options.seed}-${++counter}`,
      author: { handle: `user${random.int(200_000)}`, followers: authorFollowers },
      engagement: {
        final: final ?? Math.round(random.logNormal(2, 1.1) * (authorFollowers / 300) ** 0.3),
        tauMinutes: final === undefined ? random.between(20, 90) : random.between(60, 150),
      },
    });
  };

  const totalMinutes = options.days * 1440;
  let dayLevels: number[] = [];
  for (let minute = 0; minute < totalMinutes; minute++) {
    const minuteStart = options.start + minute * MINUTE_MS;
    if (minute % 1440 === 0) dayLevels = streams.map(() => random.logNormal(1, 0.07));
    const season = seasonalFactor(minuteStart);
    streams.forEach((stream, index) => {
      const count = random.poisson((stream.perDay / 1440) * season * dayLevels[index]!);
      for (let i = 0; i < count; i++) {
        const at = minuteStart + random.int(MINUTE_MS);
        if (!stream.brand) {
          push({
            at,
            text: renderNoise(random),
            language: 'en',
            sentiment: 'neutral',
            subject: null,
            incidentId: null,
          });
          continue;
        }
        const sentiment = random.weighted(BACKGROUND_SENTIMENT);
        const language = random.weighted(LANGUAGES);
        const text = renderMention(random, stream.brand, random.pick(TOPICS), sentiment, language);
        push({ at, text, language, sentiment, subject: stream.brand.name, incidentId: null });
      }
    });
    for (const plan of plans) emitIncidentMinute(random, plan, minuteStart, streams, push);
  }
  posts.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  return { posts, incidents: plans.map((plan) => plan.incident) };
}

function emitIncidentMinute(
  random: Random,
  plan: PlannedIncident,
  minuteStart: number,
  streams: { brand: BrandProfile | null; perDay: number }[],
  push: (
    post: Omit<SimulatedPost, 'id' | 'author' | 'engagement'>,
    final?: number,
    followers?: number,
  ) => void,
): void {
  const { incident, brand } = plan;
  const base = { subject: brand.name, incidentId: incident.id, language: 'en' };
  if (
    incident.kind === 'viral_complaint' &&
    minuteStart <= incident.start &&
    incident.start < minuteStart + MINUTE_MS
  ) {
    const text = fillIncident(random, INCIDENT_TEXTS.VIRAL_SEED, brand);
    push(
      { ...base, at: incident.start, text, sentiment: 'negative' },
      Math.round(random.between(8000, 30000)),
      85_000,
    );
  }
  const perMinute = (streams.find((stream) => stream.brand === brand)?.perDay ?? 1000) / 1440;
  const multiplier = incidentRateMultiplier(incident, plan.peak, minuteStart + MINUTE_MS / 2);
  if (multiplier <= 0) return;
  const templates =
    incident.kind === 'outage'
      ? INCIDENT_TEXTS.OUTAGE
      : incident.kind === 'viral_complaint'
        ? INCIDENT_TEXTS.VIRAL_FOLLOW_ON
        : INCIDENT_TEXTS.WAVE;
  const count = random.poisson(perMinute * multiplier);
  for (let i = 0; i < count; i++) {
    const at = Math.max(incident.start, minuteStart + random.int(MINUTE_MS));
    const [template, sentiment] = random.pick(templates);
    push({ ...base, at, text: fillIncident(random, template, brand), sentiment });
  }
}

function fillIncident(random: Random, template: string, brand: BrandProfile): string {
  return template.replace('{b}', brandMention(random, brand)).replace('{n}', String(2 + random.int(40)));
}

/** Engagement (likes + shares + replies) a post has at time `at`. */
export function engagementAt(post: SimulatedPost, at: number): number {
  const elapsedMin = (at - post.at) / MINUTE_MS;
  if (elapsedMin <= 0) return 0;
  return Math.round(post.engagement.final * (1 - Math.exp(-elapsedMin / post.engagement.tauMinutes)));
}
