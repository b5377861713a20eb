// Quarter-octave bins from 2^-8 to 2^22 engagements per minute.
const BINS_PER_OCTAVE = 4;
const MIN_LOG2 = -8;
const BIN_COUNT = (22 - MIN_LOG2) * BINS_PER_OCTAVE + 1;

/**
 * Distribution of engagement velocities seen on one monitor's posts, as a log histogram: a fixed
 * few hundred numbers however many posts, and quantiles good to a quarter octave.
 */
export class VelocityBaseline {
  private readonly bins = new Float64Array(BIN_COUNT);
  total = 0;
  // Quantiles move slowly: recompute after the sample count grows by 1% rather than on every reading.
  private cached = new Map<number, { atTotal: number; value: number | undefined }>();

  add(velocityPerMinute: number): void {
    this.bins[binOf(velocityPerMinute)]! += 1;
    this.total += 1;
  }

  /** Upper edge of the bin holding quantile q, or undefined with fewer than `minSamples` samples. */
  quantile(q: number, minSamples: number): number | undefined {
    if (this.total < minSamples) return undefined;
    const cached = this.cached.get(q);
    if (cached && this.total < cached.atTotal * 1.01) return cached.value;
    const value = this.computeQuantile(q);
    this.cached.set(q, { atTotal: this.total, value });
    return value;
  }

  private computeQuantile(q: number): number {
    const target = q * this.total;
    let seen = 0;
    for (let bin = 0; bin < BIN_COUNT; bin++) {
      seen += this.bins[bin]!;
      if (seen >= target) return bin === 0 ? 2 ** MIN_LOG2 : 2 ** (MIN_LOG2 + bin / BINS_PER_OCTAVE);
    }
    return 2 ** (MIN_LOG2 + (BIN_COUNT - 1) / BINS_PER_OCTAVE);
  }
}

function binOf(velocity: number): number {
  if (!(velocity > 2 ** MIN_LOG2)) return 0;
  const bin = Math.ceil((Math.log2(velocity) - MIN_LOG2) * BINS_PER_OCTAVE);
  return Math.min(BIN_COUNT - 1, Math.max(0, bin));
}
