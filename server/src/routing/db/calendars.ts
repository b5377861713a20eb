// Business-hours calendars and SLA policies as stored per account, read back as the pure types.
import type { Kysely, Selectable } from 'kysely';
import type { BusinessCalendarsTable, DB, SlaPoliciesTable } from '../../db/index.ts';
import {
  ALWAYS_OPEN_CALENDAR_ID,
  alwaysOpenCalendar,
  type BusinessCalendar,
  DEFAULT_SLA_POLICY,
  type SlaPolicy,
  type SlaRule,
  type SpecialDay,
  type WeeklyPeriod,
} from '../core.ts';

export function calendarFromRow(row: Selectable<BusinessCalendarsTable>): BusinessCalendar {
  if (row.is_always_open) return { ...alwaysOpenCalendar(row.id), name: row.name, timeZone: row.time_zone };
  return {
    id: row.id,
    name: row.name,
    timeZone: row.time_zone,
    periods: row.periods as WeeklyPeriod[],
    holidays: row.holidays,
    specialDays: row.special_days as SpecialDay[],
  };
}

/**
 * The account's business-hours calendar: the one with `calendarId`, else the account's default,
 * else around the clock (24/7). Never throws for a missing calendar: business time then equals
 * wall-clock time. Analytics imports this to compute business-hours values.
 */
export async function loadBusinessCalendar(
  db: Kysely<DB>,
  accountId: string,
  calendarId?: string | null,
): Promise<BusinessCalendar> {
  let query = db.selectFrom('business_calendars').selectAll().where('account_id', '=', accountId);
  query = calendarId ? query.where('id', '=', calendarId) : query.where('is_default', '=', true);
  const row = await query.executeTakeFirst();
  return row ? calendarFromRow(row) : alwaysOpenCalendar();
}

export function policyFromRow(row: Selectable<SlaPoliciesTable>): SlaPolicy {
  return {
    id: row.id,
    name: row.name,
    calendarId: row.calendar_id ?? ALWAYS_OPEN_CALENDAR_ID,
    atRiskShare: row.at_risk_share,
    priorityFactors: { ...DEFAULT_SLA_POLICY.priorityFactors, ...row.priority_factors },
    rules: row.rules as SlaRule[],
  };
}

export interface LoadedSla {
  policy: SlaPolicy;
  calendar: BusinessCalendar;
  /** The stored policy's id, or null for the built-in default. */
  policyRowId: string | null;
}

/**
 * The SLA policy for an account (the one with `policyId`, else the account's default, else the
 * built-in defaults from the issue, around the clock) with its calendar.
 */
export async function loadSlaPolicy(
  db: Kysely<DB>,
  accountId: string,
  policyId?: string | null,
): Promise<LoadedSla> {
  // One statement: the policy with its calendar.
  let query = db
    .selectFrom('sla_policies as p')
    .leftJoin('business_calendars as bc', (join) =>
      join.onRef('bc.id', '=', 'p.calendar_id').onRef('bc.account_id', '=', 'p.account_id'),
    )
    .selectAll('p')
    .select((eb) => eb.fn.toJson('bc').as('calendar'))
    .where('p.account_id', '=', accountId);
  query = policyId ? query.where('p.id', '=', policyId) : query.where('p.is_default', '=', true);
  const row = await query.executeTakeFirst();
  if (!row) return { policy: DEFAULT_SLA_POLICY, calendar: alwaysOpenCalendar(), policyRowId: null };
  const { calendar, ...policyRow } = row;
  return {
    policy: policyFromRow(policyRow),
    calendar: calendar
      ? calendarFromRow(calendar as unknown as Selectable<BusinessCalendarsTable>)
      : alwaysOpenCalendar(),
    policyRowId: row.id,
  };
}
