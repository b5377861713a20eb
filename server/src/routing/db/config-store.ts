// Calendars and SLA policies as editable data: validation (every problem listed, 400) and storage.
import type { Kysely, Selectable } from 'kysely';
import type { BusinessCalendarsTable, DB, SlaPoliciesTable } from '../../db/index.ts';
import { isUuid } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import {
  type BusinessCalendar,
  CalendarError,
  DEFAULT_SLA_POLICY,
  PRIORITIES,
  type SlaPolicy,
  SlaPolicyError,
  validateCalendar,
  validatePolicy,
} from '../core.ts';
import { calendarFromRow } from './calendars.ts';

export interface CalendarInput {
  name: string;
  timeZone: string;
  isAlwaysOpen?: boolean;
  periods?: BusinessCalendar['periods'];
  holidays?: string[];
  specialDays?: BusinessCalendar['specialDays'];
  isDefault?: boolean;
}

export function calendarDto(row: Selectable<BusinessCalendarsTable>) {
  return {
    ...calendarFromRow(row),
    isAlwaysOpen: row.is_always_open,
    isDefault: row.is_default,
    updatedAt: row.updated_at.toISOString(),
  };
}

export function checkCalendar(input: CalendarInput): void {
  try {
    validateCalendar({
      id: 'new',
      timeZone: input.timeZone,
      ...(input.isAlwaysOpen ? { isAlwaysOpen: true } : {}),
      periods: input.periods ?? [],
      holidays: input.holidays ?? [],
      specialDays: input.specialDays ?? [],
    });
  } catch (error) {
    if (error instanceof CalendarError)
      throw new AppError(
        'validation_failed',
        'Invalid business calendar',
        error.problems.map((message) => ({ field: 'calendar', message })),
      );
    throw error;
  }
}

export async function saveCalendar(
  trx: Kysely<DB>,
  accountId: string,
  id: string | null,
  input: CalendarInput,
  now: Date,
): Promise<string> {
  checkCalendar(input);
  if (input.isDefault)
    await trx
      .updateTable('business_calendars')
      .set({ is_default: false })
      .where('account_id', '=', accountId)
      .execute();
  const values = {
    name: input.name,
    time_zone: input.timeZone,
    is_always_open: input.isAlwaysOpen ?? false,
    periods: JSON.stringify(input.periods ?? []),
    holidays: JSON.stringify(input.holidays ?? []),
    special_days: JSON.stringify(input.specialDays ?? []),
    ...(input.isDefault !== undefined ? { is_default: input.isDefault } : {}),
    updated_at: now,
  };
  if (id) {
    await trx
      .updateTable('business_calendars')
      .set(values)
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .execute();
    return id;
  }
  const row = await trx
    .insertInto('business_calendars')
    .values({ account_id: accountId, ...values })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface PolicyInput {
  name: string;
  calendarId?: string | null;
  atRiskShare?: number;
  priorityFactors?: Record<string, number>;
  rules: SlaPolicy['rules'];
  isDefault?: boolean;
}

const CHANNELS = ['x', 'instagram', 'facebook', 'messenger', 'whatsapp', 'email', 'webchat', 'api'];

export async function checkPolicy(db: Kysely<DB>, accountId: string, input: PolicyInput): Promise<void> {
  const problems: { field: string; message: string }[] = [];
  if (input.calendarId) {
    const calendar = isUuid(input.calendarId)
      ? await db
          .selectFrom('business_calendars')
          .select('id')
          .where('account_id', '=', accountId)
          .where('id', '=', input.calendarId)
          .executeTakeFirst()
      : undefined;
    if (!calendar) problems.push({ field: 'calendarId', message: 'no such calendar in this account' });
  }
  input.rules.forEach((rule, i) => {
    const bad = (rule.match?.channels ?? []).filter((c) => !CHANNELS.includes(c));
    if (bad.length > 0)
      problems.push({
        field: `rules[${i}].match.channels`,
        message: `unknown channel(s) ${bad.join(', ')}; use ${CHANNELS.join(', ')}`,
      });
    const badPriorities = (rule.match?.priorities ?? []).filter((p) => !PRIORITIES.includes(p));
    if (badPriorities.length > 0)
      problems.push({
        field: `rules[${i}].match.priorities`,
        message: `unknown priority ${badPriorities.join(', ')}`,
      });
  });
  for (const key of Object.keys(input.priorityFactors ?? {}))
    if (!PRIORITIES.includes(key as never))
      problems.push({ field: `priorityFactors.${key}`, message: 'unknown priority' });
  try {
    validatePolicy(toPolicy('new', input));
  } catch (error) {
    if (!(error instanceof SlaPolicyError)) throw error;
    for (const message of error.problems) problems.push({ field: 'policy', message });
  }
  if (problems.length > 0) throw new AppError('validation_failed', 'Invalid SLA policy', problems);
}

function toPolicy(id: string, input: PolicyInput): SlaPolicy {
  return {
    id,
    name: input.name,
    calendarId: input.calendarId || '24x7',
    atRiskShare: input.atRiskShare ?? DEFAULT_SLA_POLICY.atRiskShare,
    priorityFactors: { ...DEFAULT_SLA_POLICY.priorityFactors, ...(input.priorityFactors ?? {}) },
    rules: input.rules,
  };
}

export function policyDto(row: Selectable<SlaPoliciesTable>) {
  return {
    id: row.id,
    name: row.name,
    calendarId: row.calendar_id,
    atRiskShare: row.at_risk_share,
    priorityFactors: { ...DEFAULT_SLA_POLICY.priorityFactors, ...row.priority_factors },
    rules: row.rules as SlaPolicy['rules'],
    isDefault: row.is_default,
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function savePolicy(
  trx: Kysely<DB>,
  accountId: string,
  id: string | null,
  input: PolicyInput,
  now: Date,
): Promise<string> {
  await checkPolicy(trx, accountId, input);
  if (input.isDefault)
    await trx
      .updateTable('sla_policies')
      .set({ is_default: false })
      .where('account_id', '=', accountId)
      .execute();
  const values = {
    name: input.name,
    calendar_id: input.calendarId || null,
    at_risk_share: input.atRiskShare ?? DEFAULT_SLA_POLICY.atRiskShare,
    priority_factors: JSON.stringify({
      ...DEFAULT_SLA_POLICY.priorityFactors,
      ...(input.priorityFactors ?? {}),
    }),
    rules: JSON.stringify(input.rules),
    ...(input.isDefault !== undefined ? { is_default: input.isDefault } : {}),
    updated_at: now,
  };
  if (id) {
    await trx
      .updateTable('sla_policies')
      .set(values)
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .execute();
    return id;
  }
  const row = await trx
    .insertInto('sla_policies')
    .values({ account_id: accountId, ...values })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
