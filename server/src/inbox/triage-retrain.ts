import { type Kysely, sql } from 'kysely';
import { WorkerLoop } from '../channels/worker-loop.ts';
import type { DB } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import {
  type AccountModel,
  type AdaptationData,
  type AdaptationOptions,
  decodeAccountModel,
  encodeAccountModel,
  trainAccountModelOffThread,
} from '../triage/index.ts';

// ---- Per-account models learnt from corrections (0010_triage_accounts; design in docs/triage.md) ----

/** The scheduled sweep retrains an account once this many corrections arrived since its last run. */
export const RETRAIN_AFTER_NEW_CORRECTIONS = 25;
/** Uncorrected recent messages used as anchors: the account model should keep their predictions. */
const ANCHOR_LIMIT = 400;

export type RetrainTrigger = 'api' | 'cli' | 'schedule';

/** The latest correction of each field of each message (an agent may change their mind), in order. */
export async function retrainingData(
  db: Kysely<DB>,
  accountId: string,
): Promise<{ data: AdaptationData; corrections: number; lastCorrectionId: number }> {
  const rows = await db
    .selectFrom('triage_corrections')
    .select(['id', 'message_id', 'field', 'to_value', 'text'])
    .where('account_id', '=', accountId)
    .orderBy('id')
    .execute();
  const latest = new Map<string, { id: number; field: string; label: string; text: string }>();
  let lastCorrectionId = 0;
  for (const r of rows) {
    lastCorrectionId = Math.max(lastCorrectionId, Number(r.id));
    if (!r.text || r.field === 'priority') continue;
    const key = `${r.message_id ?? `row${r.id}`}:${r.field}`;
    latest.delete(key);
    latest.set(key, { id: Number(r.id), field: r.field, label: r.to_value, text: r.text });
  }
  const corrected = new Set(rows.map((r) => r.message_id).filter((id): id is string => id !== null));
  const recent = await db
    .selectFrom('messages')
    .select(['id', 'text'])
    .where('account_id', '=', accountId)
    .where('direction', '=', 'in')
    .where('triage', 'is not', null)
    .orderBy('sent_at', 'desc')
    .limit(ANCHOR_LIMIT + corrected.size)
    .execute();
  const examples = [...latest.values()];
  return {
    data: {
      sentiment: examples.filter((e) => e.field === 'sentiment'),
      intent: examples.filter((e) => e.field === 'intent'),
      anchors: recent
        .filter((m) => !corrected.has(m.id) && m.text)
        .slice(0, ANCHOR_LIMIT)
        .map((m) => m.text as string),
    },
    corrections: examples.length,
    lastCorrectionId,
  };
}

function toRun(r: {
  id: number;
  trigger: string;
  status: string;
  corrections: number;
  model_version: number | null;
  report: unknown;
  error: string | null;
  started_at: Date;
  finished_at: Date | null;
}) {
  return {
    id: String(r.id),
    trigger: r.trigger,
    status: r.status,
    corrections: r.corrections,
    modelVersion: r.model_version,
    report: r.report ?? null,
    error: r.error,
    startedAt: r.started_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
  };
}

export type RetrainRun = ReturnType<typeof toRun>;

/**
 * Retrains one account's model from its corrections: reads, trains outside any transaction (CPU
 * only), then stores the model when the held-out check accepts it. Every run is recorded; one
 * running run per account at a time (409 otherwise).
 */
export async function retrainAccountModel(
  db: Kysely<DB>,
  input: {
    accountId: string;
    trigger: RetrainTrigger;
    requestedBy?: string | null;
    clock: () => Date;
    options?: Partial<AdaptationOptions>;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<RetrainRun> {
  // A run left 'running' by a process that died must not block the account for ever.
  await db
    .updateTable('triage_retrain_runs')
    .set({ status: 'failed', error: 'interrupted', finished_at: input.clock() })
    .where('account_id', '=', input.accountId)
    .where('status', '=', 'running')
    .where('started_at', '<', new Date(input.clock().getTime() - 3_600_000))
    .execute();
  const started = await db
    .insertInto('triage_retrain_runs')
    .values({
      account_id: input.accountId,
      trigger: input.trigger,
      status: 'running',
      requested_by: input.requestedBy ?? null,
      model_version: null,
      report: null,
      error: null,
      started_at: input.clock(),
      finished_at: null,
    })
    .onConflict((oc) => oc.column('account_id').where(sql<boolean>`status = 'running'`).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!started) throw new AppError('conflict', 'A retraining of this account is already running');
  const finish = (values: {
    status: 'accepted' | 'rejected' | 'failed';
    corrections?: number;
    last_correction_id?: number;
    model_version?: number | null;
    report?: string | null;
    error?: string | null;
  }) =>
    db
      .updateTable('triage_retrain_runs')
      .set({ ...values, finished_at: input.clock() })
      .where('id', '=', started.id as never)
      .returningAll()
      .executeTakeFirstOrThrow();
  try {
    const { data, corrections, lastCorrectionId } = await retrainingData(db, input.accountId);
    const current = await db
      .selectFrom('triage_account_models')
      .select('version')
      .where('account_id', '=', input.accountId)
      .executeTakeFirst();
    const version = (current?.version ?? 0) + 1;
    const { model, report } = await trainAccountModelOffThread(
      data,
      version,
      input.options,
      input.onProgress,
    );
    if (model) {
      const row = {
        version,
        model: encodeAccountModel(model),
        report: JSON.stringify(report),
        corrections,
        last_correction_id: lastCorrectionId,
        trained_at: input.clock(),
      };
      await db
        .insertInto('triage_account_models')
        .values({ account_id: input.accountId, ...row })
        .onConflict((oc) => oc.column('account_id').doUpdateSet(row))
        .execute();
    }
    return toRun(
      await finish({
        status: model ? 'accepted' : 'rejected',
        corrections,
        last_correction_id: lastCorrectionId,
        model_version: model ? version : null,
        report: JSON.stringify(report),
      }),
    );
  } catch (error) {
    await finish({ status: 'failed', error: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}

/** The account's current model, recent runs and how many corrections arrived since the last run. */
export async function retrainStatus(db: Kysely<DB>, accountId: string) {
  const model = await db
    .selectFrom('triage_account_models')
    .select(['version', 'report', 'corrections', 'trained_at'])
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  const runs = await db
    .selectFrom('triage_retrain_runs')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('id', 'desc')
    .limit(10)
    .execute();
  const since = Math.max(0, ...runs.map((r) => Number(r.last_correction_id)));
  const pending = await db
    .selectFrom('triage_corrections')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('account_id', '=', accountId)
    .where('id', '>', since as never)
    .executeTakeFirstOrThrow();
  return {
    model: model
      ? {
          version: model.version,
          corrections: model.corrections,
          trainedAt: model.trained_at.toISOString(),
          report: model.report,
        }
      : null,
    runs: runs.map(toRun),
    newCorrections: Number(pending.n),
    retrainAfterNewCorrections: RETRAIN_AFTER_NEW_CORRECTIONS,
  };
}

/** Accounts with at least `minimum` corrections newer than their last finished run. */
export async function accountsDueForRetrain(db: Kysely<DB>, minimum = RETRAIN_AFTER_NEW_CORRECTIONS) {
  const rows = await db
    .selectFrom('triage_corrections as c')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('triage_retrain_runs')
          .select(['account_id', (e) => e.fn.max('last_correction_id').as('last_id')])
          .where('status', '!=', 'running')
          .groupBy('account_id')
          .as('r'),
      (join) => join.onRef('r.account_id', '=', 'c.account_id'),
    )
    .select(['c.account_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where(sql<boolean>`c.id > coalesce(r.last_id, 0)`)
    .groupBy('c.account_id')
    .having((eb) => eb.fn.countAll(), '>=', minimum)
    .execute();
  return rows.map((r) => r.account_id);
}

// Decoded models by account, reused while their version is unchanged (read per inbound batch).
const modelCache = new Map<string, AccountModel>();

/** The current account models of these accounts: one small query, decoding only new versions. */
export async function loadAccountModels(
  db: Kysely<DB>,
  accountIds: string[],
): Promise<Map<string, AccountModel>> {
  const found = new Map<string, AccountModel>();
  if (accountIds.length === 0) return found;
  const versions = await db
    .selectFrom('triage_account_models')
    .select(['account_id', 'version'])
    .where('account_id', 'in', accountIds)
    .execute();
  const stale = versions.filter((v) => modelCache.get(v.account_id)?.version !== v.version);
  if (stale.length > 0) {
    const rows = await db
      .selectFrom('triage_account_models')
      .select(['account_id', 'model'])
      .where(
        'account_id',
        'in',
        stale.map((v) => v.account_id),
      )
      .execute();
    for (const r of rows) modelCache.set(r.account_id, decodeAccountModel(r.model));
  }
  for (const v of versions) {
    const model = modelCache.get(v.account_id);
    if (model) found.set(v.account_id, model);
  }
  return found;
}

/** One step of the sweep: retrains the first due account; 1 when it did, 0 when none is due. */
export async function retrainNextDueAccount(db: Kysely<DB>, clock: () => Date): Promise<number> {
  const [accountId] = await accountsDueForRetrain(db);
  if (!accountId) return 0;
  await retrainAccountModel(db, { accountId, trigger: 'schedule', clock });
  return 1;
}

/**
 * Background retraining: every `idleMs` (10 min) it retrains, one at a time, the accounts with at
 * least RETRAIN_AFTER_NEW_CORRECTIONS corrections since their last run. Returns a stop function.
 */
export function startTriageRetrainSweep(
  db: Kysely<DB>,
  clock: () => Date,
  onError: (error: unknown) => void,
  idleMs = 600_000,
): () => Promise<void> {
  const loop = new WorkerLoop(() => retrainNextDueAccount(db, clock), { idleMs, onError });
  loop.start();
  return () => loop.stop();
}
