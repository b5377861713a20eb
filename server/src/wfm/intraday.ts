/**
 * Intraday re-forecast: compare today's actual volume so far with the forecast for the same
 * intervals and scale the rest of the day by the observed/expected ratio, shrunk towards 1 by
 * credibility weighting w = E/(E + k), where E is the volume expected so far and k a pseudo-count
 * (early in the day a few surprising intervals should not swing the whole day).
 */
export interface IntradayInput {
  /** Today's forecast, one value per interval of the day. */
  forecast: number[];
  /** Actual volumes for the intervals elapsed so far (length = current interval index). */
  actualSoFar: number[];
  /** Pseudo-count k; default 20% of the day's forecast volume. */
  credibilityVolume?: number;
}

export interface IntradayReforecast {
  observed: number;
  expected: number;
  /** observed / expected. */
  rawRatio: number;
  /** Damped ratio applied to the remaining intervals. */
  appliedRatio: number;
  /** Actuals for elapsed intervals, re-forecast for the rest. */
  reforecast: number[];
}

export function reforecastIntraday(input: IntradayInput): IntradayReforecast {
  const elapsed = Math.min(input.actualSoFar.length, input.forecast.length);
  const observed = input.actualSoFar.slice(0, elapsed).reduce((a, b) => a + b, 0);
  const expected = input.forecast.slice(0, elapsed).reduce((a, b) => a + b, 0);
  const dayTotal = input.forecast.reduce((a, b) => a + b, 0);
  const k = input.credibilityVolume ?? 0.2 * dayTotal;
  const rawRatio = expected > 0 ? observed / expected : 1;
  const weight = expected + k > 0 ? expected / (expected + k) : 0;
  const appliedRatio = 1 + weight * (rawRatio - 1);
  const reforecast = input.forecast.map((f, i) =>
    i < elapsed ? (input.actualSoFar[i] ?? 0) : f * appliedRatio,
  );
  return { observed, expected, rawRatio, appliedRatio, reforecast };
}

export interface StaffingGap {
  interval: number;
  required: number;
  onDuty: number;
  /** onDuty − required: negative means short now. */
  gap: number;
}

/**
 * Staffing gap for the current and remaining intervals: required agents from the re-forecast
 * (any volume → agents function, e.g. Erlang C with shrinkage) against agents on duty.
 */
export function intradayStaffingGap(
  reforecast: IntradayReforecast,
  onDuty: number[],
  fromInterval: number,
  requiredAgents: (volume: number, interval: number) => number,
): StaffingGap[] {
  const gaps: StaffingGap[] = [];
  for (let i = fromInterval; i < reforecast.reforecast.length; i++) {
    const required = requiredAgents(reforecast.reforecast[i] ?? 0, i);
    const staffed = onDuty[i] ?? 0;
    gaps.push({ interval: i, required, onDuty: staffed, gap: staffed - required });
  }
  return gaps;
}
