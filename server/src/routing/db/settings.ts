// Routing settings per account, team and channel. Each scope stores only the fields it sets; the
// effective settings for a conversation are the defaults, overridden by the account's row, then the
// channel's, then the team's (the team that handles the work has the last word).
import type { Kysely } from 'kysely';
import { type DB, isUuid } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { defaultStrategyRegistry, type SkillRequirement, type StrategyConfig } from '../core.ts';
import type { QueueOrderMode } from '../queue-order.ts';

export interface RoutingSettings {
  /** Assign automatically (false: agents pull with "next best conversation" only). */
  autoAssign: boolean;
  strategy: StrategyConfig;
  /** Give an assigned conversation to someone else when its agent has not replied this long; null: never. */
  noReplyReassignMinutes: number | null;
  /** Also take work back from agents who are away (offline agents always lose it). */
  reassignWhenAway: boolean;
  queueOrder: QueueOrderMode;
  /** Kind of work for capacity; null: 'social' for public conversations, 'chat' for private. */
  workKind: string | null;
  /** Channel scope: route the channel's conversations into this team. */
  teamId: string | null;
  requiredSkills: SkillRequirement[];
  /** Channel scope: the SLA policy (null: the account's default). */
  slaPolicyId: string | null;
  /** Capacity for agents who have none configured. */
  defaultCapacity: Record<string, number>;
  /** Account scope: online → away after this long without activity, away → offline after offlineAfterMinutes. */
  awayAfterMinutes: number;
  offlineAfterMinutes: number;
}

export type RoutingScope = 'account' | 'team' | 'channel';

export const DEFAULT_ROUTING_SETTINGS: RoutingSettings = {
  autoAssign: true,
  strategy: { name: 'least_loaded' },
  noReplyReassignMinutes: null,
  reassignWhenAway: false,
  queueOrder: 'priority_then_waiting',
  workKind: null,
  teamId: null,
  requiredSkills: [],
  slaPolicyId: null,
  defaultCapacity: { call: 1, chat: 3, social: 8 },
  awayAfterMinutes: 15,
  offlineAfterMinutes: 60,
};

const KEYS = Object.keys(DEFAULT_ROUTING_SETTINGS) as (keyof RoutingSettings)[];
const ACCOUNT_ONLY: (keyof RoutingSettings)[] = [
  'awayAfterMinutes',
  'offlineAfterMinutes',
  'defaultCapacity',
];
const CHANNEL_ONLY: (keyof RoutingSettings)[] = ['teamId', 'slaPolicyId', 'workKind'];

type Problem = { field: string; message: string };

const isInt = (v: unknown, min: number, max: number) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

function checkStrategy(value: unknown, problems: Problem[], teamIds: Set<string>): void {
  if (typeof value !== 'object' || value === null || typeof (value as StrategyConfig).name !== 'string') {
    problems.push({ field: 'strategy', message: 'must be { name, options? }' });
    return;
  }
  const config = value as StrategyConfig;
  try {
    defaultStrategyRegistry().create(config);
  } catch (error) {
    problems.push({ field: 'strategy.name', message: (error as Error).message });
    return;
  }
  const options = config.options ?? {};
  if (config.name === 'skills_based' && options.overflow !== undefined) {
    if (!Array.isArray(options.overflow)) {
      problems.push({ field: 'strategy.options.overflow', message: 'must be a list of stages' });
      return;
    }
    options.overflow.forEach((stage: Record<string, unknown>, i: number) => {
      const at = `strategy.options.overflow[${i}]`;
      if (!isInt(stage?.afterWaitMs, 0, 30 * 86_400_000))
        problems.push({ field: `${at}.afterWaitMs`, message: 'must be a whole number of ms ≥ 0' });
      const teams = stage?.teams;
      if (teams !== undefined && teams !== 'any') {
        if (!Array.isArray(teams) || teams.some((t) => typeof t !== 'string' || !teamIds.has(t)))
          problems.push({ field: `${at}.teams`, message: "must be 'any' or ids of this account's teams" });
      }
      if (stage?.proficiencyDrop !== undefined && !isInt(stage.proficiencyDrop, 0, 4))
        problems.push({ field: `${at}.proficiencyDrop`, message: 'must be 0–4' });
    });
  }
  if (config.name === 'sticky' && options.fallback !== undefined) {
    const fallback = options.fallback as StrategyConfig;
    if (fallback?.name === 'sticky')
      problems.push({ field: 'strategy.options.fallback', message: 'cannot be sticky' });
    else checkStrategy(fallback, problems, teamIds);
  }
}

/**
 * Checks a partial settings object for one scope against the account's data; throws a 400
 * (validation_failed) listing every problem.
 */
export async function validateRoutingSettings(
  db: Kysely<DB>,
  accountId: string,
  scope: RoutingScope,
  input: Record<string, unknown>,
): Promise<Partial<RoutingSettings>> {
  const problems: Problem[] = [];
  const teams = await db.selectFrom('teams').select('id').where('account_id', '=', accountId).execute();
  const teamIds = new Set(teams.map((t) => t.id));
  for (const key of Object.keys(input)) {
    if (!KEYS.includes(key as keyof RoutingSettings))
      problems.push({ field: key, message: 'unknown setting' });
    else if (scope !== 'account' && ACCOUNT_ONLY.includes(key as keyof RoutingSettings))
      problems.push({ field: key, message: 'can only be set for the whole account' });
    else if (scope !== 'channel' && CHANNEL_ONLY.includes(key as keyof RoutingSettings))
      problems.push({ field: key, message: 'can only be set for a channel' });
  }
  const v = input as Partial<Record<keyof RoutingSettings, unknown>>;
  if (v.autoAssign !== undefined && typeof v.autoAssign !== 'boolean')
    problems.push({ field: 'autoAssign', message: 'must be true or false' });
  if (v.strategy !== undefined) checkStrategy(v.strategy, problems, teamIds);
  if (
    v.noReplyReassignMinutes !== undefined &&
    v.noReplyReassignMinutes !== null &&
    !isInt(v.noReplyReassignMinutes, 1, 10_080)
  )
    problems.push({ field: 'noReplyReassignMinutes', message: 'must be 1–10080 minutes or null' });
  if (v.reassignWhenAway !== undefined && typeof v.reassignWhenAway !== 'boolean')
    problems.push({ field: 'reassignWhenAway', message: 'must be true or false' });
  if (
    v.queueOrder !== undefined &&
    v.queueOrder !== 'priority_then_waiting' &&
    v.queueOrder !== 'sla_due_first'
  )
    problems.push({ field: 'queueOrder', message: "must be 'priority_then_waiting' or 'sla_due_first'" });
  if (
    v.workKind !== undefined &&
    v.workKind !== null &&
    !(typeof v.workKind === 'string' && /^[a-z][a-z0-9_-]{0,31}$/.test(v.workKind))
  )
    problems.push({
      field: 'workKind',
      message: 'must be a short lower-case name like chat, social or call',
    });
  if (v.teamId !== undefined && v.teamId !== null && !(typeof v.teamId === 'string' && teamIds.has(v.teamId)))
    problems.push({ field: 'teamId', message: 'no such team in this account' });
  if (v.slaPolicyId !== undefined && v.slaPolicyId !== null) {
    const policy =
      typeof v.slaPolicyId === 'string' && isUuid(v.slaPolicyId)
        ? await db
            .selectFrom('sla_policies')
            .select('id')
            .where('account_id', '=', accountId)
            .where('id', '=', v.slaPolicyId)
            .executeTakeFirst()
        : undefined;
    if (!policy) problems.push({ field: 'slaPolicyId', message: 'no such SLA policy in this account' });
  }
  if (v.requiredSkills !== undefined) {
    const ok =
      Array.isArray(v.requiredSkills) &&
      v.requiredSkills.every(
        (r: { skill?: unknown; minProficiency?: unknown }) =>
          typeof r?.skill === 'string' &&
          r.skill.length > 0 &&
          r.skill.length <= 64 &&
          isInt(r.minProficiency, 1, 5),
      );
    if (!ok) problems.push({ field: 'requiredSkills', message: 'must be [{ skill, minProficiency 1–5 }]' });
  }
  if (v.defaultCapacity !== undefined) {
    const ok =
      typeof v.defaultCapacity === 'object' &&
      v.defaultCapacity !== null &&
      Object.entries(v.defaultCapacity).every(
        ([k, n]) => /^[a-z][a-z0-9_-]{0,31}$/.test(k) && isInt(n, 0, 1000),
      );
    if (!ok) problems.push({ field: 'defaultCapacity', message: 'must map work kinds to 0–1000' });
  }
  for (const key of ['awayAfterMinutes', 'offlineAfterMinutes'] as const) {
    if (v[key] !== undefined && !isInt(v[key], 1, 10_080))
      problems.push({ field: key, message: 'must be 1–10080 minutes' });
  }
  if (problems.length > 0) throw new AppError('validation_failed', 'Invalid routing settings', problems);
  return input as Partial<RoutingSettings>;
}

export interface AccountRoutingSettings {
  account: Partial<RoutingSettings>;
  teams: Map<string, Partial<RoutingSettings>>;
  channels: Map<string, Partial<RoutingSettings>>;
}

export async function loadAccountRoutingSettings(
  db: Kysely<DB>,
  accountId: string,
): Promise<AccountRoutingSettings> {
  const rows = await db
    .selectFrom('routing_settings')
    .select(['scope', 'scope_id', 'settings'])
    .where('account_id', '=', accountId)
    .execute();
  return settingsFromRows(rows);
}

/** The account's settings from its `routing_settings` rows (routing's pass reads them with other data). */
export function settingsFromRows(
  rows: { scope: string; scope_id: string | null; settings: unknown }[],
): AccountRoutingSettings {
  const result: AccountRoutingSettings = { account: {}, teams: new Map(), channels: new Map() };
  for (const row of rows) {
    const settings = row.settings as Partial<RoutingSettings>;
    if (row.scope === 'account') result.account = settings;
    else if (row.scope === 'team' && row.scope_id) result.teams.set(row.scope_id, settings);
    else if (row.scope === 'channel' && row.scope_id) result.channels.set(row.scope_id, settings);
  }
  return result;
}

/** Defaults ⊕ account ⊕ channel ⊕ team (of the conversation, or the channel's team). */
export function effectiveSettings(
  all: AccountRoutingSettings,
  where: { channelId?: string | null; teamId?: string | null } = {},
): RoutingSettings {
  const channel = where.channelId ? (all.channels.get(where.channelId) ?? {}) : {};
  const teamId = where.teamId ?? channel.teamId ?? null;
  const team = teamId ? (all.teams.get(teamId) ?? {}) : {};
  return {
    ...DEFAULT_ROUTING_SETTINGS,
    ...all.account,
    ...channel,
    ...team,
    teamId,
    ...(channel.slaPolicyId !== undefined ? { slaPolicyId: channel.slaPolicyId } : {}),
  };
}

/** Store the fields given for one scope (merged into what the scope already sets; null clears a field). */
export async function saveRoutingSettings(
  db: Kysely<DB>,
  accountId: string,
  scope: RoutingScope,
  scopeId: string | null,
  patch: Partial<RoutingSettings>,
  now: Date,
): Promise<Partial<RoutingSettings>> {
  let query = db
    .selectFrom('routing_settings')
    .select(['id', 'settings'])
    .where('account_id', '=', accountId)
    .where('scope', '=', scope);
  query = scopeId ? query.where('scope_id', '=', scopeId) : query.where('scope_id', 'is', null);
  const existing = await query.forUpdate().executeTakeFirst();
  const merged: Record<string, unknown> = { ...(existing?.settings ?? {}) };
  for (const [key, value] of Object.entries(patch)) {
    // null clears a scope's override, except where null is itself a meaningful value.
    if (value === null && !['noReplyReassignMinutes', 'teamId', 'slaPolicyId', 'workKind'].includes(key))
      delete merged[key];
    else merged[key] = value;
  }
  if (existing) {
    await db
      .updateTable('routing_settings')
      .set({ settings: JSON.stringify(merged), updated_at: now })
      .where('id', '=', existing.id)
      .execute();
  } else {
    await db
      .insertInto('routing_settings')
      .values({
        account_id: accountId,
        scope,
        scope_id: scopeId,
        settings: JSON.stringify(merged),
        updated_at: now,
      })
      .execute();
  }
  return merged as Partial<RoutingSettings>;
}
