/** Seeded PRNG (mulberry32): fast, 32-bit state, reproducible across platforms. */
export function createRng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function exponential(rng: () => number, mean: number): number {
  return -Math.log(1 - rng()) * mean;
}

/** Min-heap of numbers (departure times). */
export class MinHeap {
  private readonly items: number[] = [];
  get size(): number {
    return this.items.length;
  }
  peek(): number | undefined {
    return this.items[0];
  }
  push(value: number): void {
    const a = this.items;
    a.push(value);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((a[parent] ?? 0) <= value) break;
      a[i] = a[parent] ?? 0;
      i = parent;
    }
    a[i] = value;
  }
  pop(): number | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= a.length) break;
      const r = l + 1;
      const c = r < a.length && (a[r] ?? 0) < (a[l] ?? 0) ? r : l;
      if ((a[c] ?? 0) >= last) break;
      a[i] = a[c] ?? 0;
      i = c;
    }
    a[i] = last;
    return top;
  }
}
