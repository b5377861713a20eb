import type { BrandProfile, Sentiment } from './post-templates.ts';
import type { Random } from './random.ts';

export type IncidentKind = 'outage' | 'viral_complaint' | 'negative_wave';

export interface SimulatedIncident {
  id: string;
  kind: IncidentKind;
  /** Name of the brand the incident is about. */
  subject: string;
  start: number;
  end: number;
  description: string;
}

const MINUTE_MS = 60_000;

const OUTAGE: [string, Sentiment][] = [
  ['is {b} down?', 'neutral'],
  ['{b} not loading for anyone else?', 'neutral'],
  ['{b} site down again, cannot log in', 'negative'],
  ['error 503 on {b} checkout. great', 'negative'],
  ['{b} outage?? I need to pay for my order', 'negative'],
  ['whole {b} app is dead 😡', 'negative'],
  ['{b} down for {n} minutes now, fix it', 'negative'],
  ['cannot log in to {b}, is it just me', 'negative'],
];
const VIRAL_SEED =
  "{b} lost my late grandmother's ring in transit and support told me 'it happens'. {n} weeks, no refund. Please share.";
const VIRAL_FOLLOW_ON: [string, Sentiment][] = [
  ['{b} this is disgusting, refund her now', 'negative'],
  ['same happened to me with {b}, lost parcel and zero help from support', 'negative'],
  ["can't believe {b} support said 'it happens' about a lost ring", 'negative'],
  ['everyone share this until {b} refunds her', 'negative'],
  ['boycott {b} until they refund her lost ring', 'negative'],
  ['{b} lost my parcel too and support just shrugged', 'negative'],
  ['wow {b}, a lost ring and no refund? shameful', 'negative'],
  ['hope {b} sorts this out for her', 'neutral'],
];
const WAVE: [string, Sentiment][] = [
  ['{b} new delivery fee is a joke', 'negative'],
  ['cancelling my {b} membership after this price increase', 'negative'],
  ['{b} just doubled the delivery charge with no warning', 'negative'],
  ['£{n} delivery from {b} now?? no thanks', 'negative'],
  ['so {b} thinks we will not notice the new fees', 'negative'],
  ['the new {b} fees are daylight robbery', 'negative'],
  ['{b} raised the delivery fee, what do people think?', 'neutral'],
];

export const INCIDENT_TEXTS = { OUTAGE, VIRAL_SEED, VIRAL_FOLLOW_ON, WAVE };

/**
 * Extra mentions per minute an incident adds at `at`, as a multiple of the subject's mean rate.
 * Outages ramp up within minutes and stop soon after the fix; a viral complaint's echoes swell over
 * half an hour and fade over hours; a negative wave ramps within three minutes and stays for hours.
 */
export function incidentRateMultiplier(incident: SimulatedIncident, peak: number, at: number): number {
  const elapsedMin = (at - incident.start) / MINUTE_MS;
  if (elapsedMin < 0) return 0;
  switch (incident.kind) {
    case 'outage': {
      const afterEndMin = (at - incident.end) / MINUTE_MS;
      if (afterEndMin > 45) return 0;
      const ramp = Math.min(1, (elapsedMin + 1) / 4);
      return peak * ramp * (afterEndMin > 0 ? Math.exp(-afterEndMin / 12) : 1);
    }
    case 'viral_complaint':
      if (at > incident.end) return 0;
      return peak * (1 - Math.exp(-elapsedMin / 20)) * Math.exp(-elapsedMin / 180);
    case 'negative_wave':
      if (at > incident.end) return 0;
      return peak * Math.min(1, (elapsedMin + 1) / 3);
  }
}

export interface PlannedIncident {
  incident: SimulatedIncident;
  brand: BrandProfile;
  /** Peak extra volume as a multiple of the subject's mean mentions per minute. */
  peak: number;
}

/**
 * One outage, one viral complaint and one negative wave about the brand, plus one competitor outage,
 * each week, on different days, starting in waking hours.
 */
export function planWeeklyIncidents(
  random: Random,
  weekStart: number,
  brand: BrandProfile,
  competitor: BrandProfile | undefined,
  idPrefix: string,
): PlannedIncident[] {
  const days = [0, 1, 2, 3, 4, 5, 6];
  for (let i = days.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [days[i], days[j]] = [days[j]!, days[i]!];
  }
  const startOn = (day: number) =>
    weekStart + day * 1440 * MINUTE_MS + (8 * 60 + random.int(13 * 60)) * MINUTE_MS;
  const plans: PlannedIncident[] = [];
  const add = (kind: IncidentKind, subject: BrandProfile, day: number, durationMin: number, peak: number) => {
    const start = startOn(day);
    const incident: SimulatedIncident = {
      id: `${idPrefix}-${plans.length + 1}`,
      kind,
      subject: subject.name,
      start,
      end: start + durationMin * MINUTE_MS,
      description: DESCRIPTIONS[kind](subject.name),
    };
    plans.push({ incident, brand: subject, peak });
  };
  add('outage', brand, days[0]!, 45 + random.int(105), random.between(6, 12));
  add('viral_complaint', brand, days[1]!, 360, random.between(1.5, 3));
  add('negative_wave', brand, days[2]!, 120 + random.int(120), random.between(2.5, 4));
  if (competitor) add('outage', competitor, days[3]!, 45 + random.int(105), random.between(6, 12));
  return plans;
}

const DESCRIPTIONS: Record<IncidentKind, (name: string) => string> = {
  outage: (name) => `${name} site and app outage`,
  viral_complaint: (name) => `viral complaint about a ring ${name} lost in transit`,
  negative_wave: (name) => `backlash against ${name}'s new delivery fee`,
};
