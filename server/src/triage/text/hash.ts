// 32-bit FNV-1a, written with Math.imul so it stays in int32 and is fast in V8.
export const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

export function hashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME);
}

export function hashString(text: string, seed: number = FNV_OFFSET): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) hash = hashStep(hash, text.charCodeAt(i));
  return hash;
}

/** Combines two hashes (for word bigrams) without collapsing (a,b) and (b,a). */
export function hashPair(a: number, b: number): number {
  return hashStep(hashStep(Math.imul(a, 0x9e3779b1) ^ 0x5bd1e995, b & 0xffff), b >>> 16);
}
