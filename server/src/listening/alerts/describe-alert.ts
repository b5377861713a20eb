import type { AlertKind, AlertMeasurement } from './alert-types.ts';

const BASELINE_WORDS = {
  same_hour_of_week: (periods: number) =>
    `the same hour of the week over the previous ${plural(periods, 'week')}`,
  same_hour_recent_days: (periods: number) => `the same hour on ${plural(periods, 'earlier day')}`,
  velocity_quantile: (periods: number) => `the fastest 0.1% of ${periods} earlier posts`,
};

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function number(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : String(Math.round(value * 10) / 10);
}

function percent(share: number | undefined): string {
  return `${Math.round((share ?? 0) * 100)}%`;
}

/** One sentence a care team can act on: what rose, by how much, against what. */
export function describeAlert(kind: AlertKind, monitorName: string, m: AlertMeasurement): string {
  const minutes = Math.round((m.windowEnd - m.windowStart) / 60_000);
  const against = BASELINE_WORDS[m.baseline.method](m.baseline.periods);
  switch (kind) {
    case 'volume_spike':
      return (
        `Mentions of ${monitorName} rose to ${number(m.observed)} in the last ${minutes} minutes, ` +
        `${number(m.ratio)}× the ${number(m.expected)} expected from ${against}.`
      );
    case 'negative_spike':
      return (
        `Negative mentions of ${monitorName} rose to ${number(m.observed)} in the last ${minutes} minutes ` +
        `(${percent(m.negativeShare)} of mentions, usually ${percent(m.usualNegativeShare)}), ` +
        `${number(m.ratio)}× the ${number(m.expected)} expected from ${against}.`
      );
    case 'fast_post':
      return (
        `A post matching ${monitorName} is gaining ${number(m.observed)} engagements a minute ` +
        `(${number(m.engagement ?? 0)} so far), ${number(m.ratio)}× the ${number(m.expected)} a minute of ${against}.`
      );
  }
}
