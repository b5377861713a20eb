import type { Sentiment } from '../sentiment.ts';

export interface MonitoredMention {
  monitorIds: readonly string[];
  at: number;
  sentiment?: Sentiment;
}

export interface VoiceShare {
  monitorId: string;
  mentions: number;
  /** Share of all mentions of the compared monitors (a post naming two brands counts for both). */
  share: number;
  positive: number;
  neutral: number;
  negative: number;
  /** (positive − negative) ÷ mentions with a sentiment, −1…1; null when none have one. */
  netSentiment: number | null;
}

/** Share of voice of a brand against its competitors' monitors, with each one's sentiment. */
export function shareOfVoice(
  mentions: Iterable<MonitoredMention>,
  monitorIds: readonly string[],
): VoiceShare[] {
  const rows = new Map(
    monitorIds.map((monitorId) => [
      monitorId,
      {
        monitorId,
        mentions: 0,
        share: 0,
        positive: 0,
        neutral: 0,
        negative: 0,
        netSentiment: null as number | null,
      },
    ]),
  );
  let total = 0;
  for (const mention of mentions) {
    for (const id of mention.monitorIds) {
      const row = rows.get(id);
      if (!row) continue;
      row.mentions++;
      total++;
      if (mention.sentiment) row[mention.sentiment]++;
    }
  }
  for (const row of rows.values()) {
    row.share = total ? row.mentions / total : 0;
    const rated = row.positive + row.neutral + row.negative;
    row.netSentiment = rated ? (row.positive - row.negative) / rated : null;
  }
  return [...rows.values()];
}
