import type { Kysely } from 'kysely';
import type { DB } from '../db/index.ts';

/** Per-account analytics settings, stored under `accounts.settings.analytics`. */
export interface AnalyticsSettings {
  /** A conversation resolved with one agent reply counts for FCR only if not reopened within this many days. */
  fcrWindowDays: number;
  /** Fully loaded cost of one agent hour (wages, overhead), in `currency`. */
  loadedHourlyCost: number;
  currency: string;
  /** Cost per contact of other channels, for comparison beside social's. */
  referenceCosts: { phone: number; email: number; chat: number };
  csat: {
    /** Send a survey after resolution on private channels. */
    isEnabled: boolean;
    question: string;
    /** An answer counts only if it arrives within this many days of the survey. */
    answerWindowDays: number;
  };
}

export const defaultAnalyticsSettings: AnalyticsSettings = {
  fcrWindowDays: 7,
  loadedHourlyCost: 30,
  currency: 'USD',
  referenceCosts: { phone: 6, email: 4, chat: 3 },
  csat: {
    isEnabled: false,
    question: 'How did we do? Reply with a number from 1 (poor) to 5 (great).',
    answerWindowDays: 7,
  },
};

export function mergeAnalyticsSettings(stored: unknown): AnalyticsSettings {
  const s = (stored ?? {}) as Partial<AnalyticsSettings>;
  return {
    ...defaultAnalyticsSettings,
    ...s,
    referenceCosts: { ...defaultAnalyticsSettings.referenceCosts, ...s.referenceCosts },
    csat: { ...defaultAnalyticsSettings.csat, ...s.csat },
  };
}

export async function loadAnalyticsSettings(db: Kysely<DB>, accountId: string): Promise<AnalyticsSettings> {
  const row = await db
    .selectFrom('accounts')
    .select(['settings'])
    .where('id', '=', accountId)
    .executeTakeFirst();
  return mergeAnalyticsSettings(row?.settings.analytics);
}

/** Store a change to the settings (deep-merged over what is stored) and return the result. */
export async function saveAnalyticsSettings(
  db: Kysely<DB>,
  accountId: string,
  change: Partial<Omit<AnalyticsSettings, 'referenceCosts' | 'csat'>> & {
    referenceCosts?: Partial<AnalyticsSettings['referenceCosts']>;
    csat?: Partial<AnalyticsSettings['csat']>;
  },
): Promise<AnalyticsSettings> {
  const row = await db
    .selectFrom('accounts')
    .select(['settings'])
    .where('id', '=', accountId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const current = mergeAnalyticsSettings(row.settings.analytics);
  const next: AnalyticsSettings = {
    ...current,
    ...change,
    referenceCosts: { ...current.referenceCosts, ...change.referenceCosts },
    csat: { ...current.csat, ...change.csat },
  };
  await db
    .updateTable('accounts')
    .set({ settings: JSON.stringify({ ...row.settings, analytics: next }) })
    .where('id', '=', accountId)
    .execute();
  return next;
}
