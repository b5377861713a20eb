// What-if settings and how they turn a forecast into a staffing request. Pure, so it is tested.
import type { StaffingChannelInput } from './api.ts';

export interface WhatIf {
  /** Fraction answered within `answerSeconds` (immediate) — e.g. 0.8. */
  serviceLevel: number;
  answerSeconds: number;
  handleSeconds: number;
  shrinkage: number;
  /** Chats worked at once (1 = voice-like). */
  concurrency: number;
  kind: 'immediate' | 'deferred';
  /** Deferred work: respond within this many seconds. */
  responseSeconds: number;
  /** Erlang A when set: mean patience before abandoning. */
  patienceSeconds: number | null;
}

export const defaultWhatIf: WhatIf = {
  serviceLevel: 0.8,
  answerSeconds: 60,
  handleSeconds: 360,
  shrinkage: 0.3,
  concurrency: 1,
  kind: 'immediate',
  responseSeconds: 3600,
  patienceSeconds: null,
};

export function staffingChannel(whatIf: WhatIf, volume: number[]): StaffingChannelInput {
  if (whatIf.kind === 'deferred') {
    return {
      name: 'social',
      kind: 'deferred',
      volume,
      handleSeconds: whatIf.handleSeconds,
      responseSeconds: whatIf.responseSeconds,
      maxOccupancy: 0.9,
    };
  }
  return {
    name: 'social',
    kind: 'immediate',
    volume,
    handleSeconds: whatIf.handleSeconds,
    serviceLevel: whatIf.serviceLevel,
    answerSeconds: whatIf.answerSeconds,
    ...(whatIf.patienceSeconds ? { model: 'erlangA' as const, patienceSeconds: whatIf.patienceSeconds } : {}),
    ...(whatIf.concurrency > 1 ? { concurrency: whatIf.concurrency } : {}),
  };
}

/** Productive agents on duty from scheduled coverage: shrinkage takes its share of every interval. */
export function productiveOnDuty(scheduled: readonly number[], shrinkage: number): number[] {
  return scheduled.map((s) => Math.floor(s * (1 - shrinkage) + 1e-9));
}

/** Merge a saved scenario's settings over the defaults, ignoring anything unknown or malformed. */
export function whatIfFromSettings(settings: Record<string, unknown>): WhatIf {
  const out: WhatIf = { ...defaultWhatIf };
  for (const key of Object.keys(defaultWhatIf) as (keyof WhatIf)[]) {
    const value = settings[key];
    if (key === 'kind') {
      if (value === 'immediate' || value === 'deferred') out.kind = value;
    } else if (key === 'patienceSeconds') {
      if (value === null || (typeof value === 'number' && value > 0)) out.patienceSeconds = value;
    } else if (typeof value === 'number' && Number.isFinite(value)) {
      out[key] = value;
    }
  }
  return out;
}

/** Label `Mon 09:30` for interval `i` of a series starting on `startDate` (a local ISO date). */
export function intervalLabel(startDate: string, interval: number, i: number): string {
  const perDay = (24 * 60) / interval;
  const day = new Date(`${startDate}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + Math.floor(i / perDay));
  const minute = (i % perDay) * interval;
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][day.getUTCDay()];
  return `${weekday} ${day.toISOString().slice(5, 10)} ${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}
