import type { ColumnType, Generated } from 'kysely';
import type { BigId, Json, Timestamp } from './columns.ts';

// Triage account models and retraining runs (0010_triage_accounts).
export interface TriageAccountModelsTable {
  account_id: string;
  version: number;
  model: Uint8Array;
  report: Json<Record<string, unknown>>;
  corrections: number;
  /** bigint: read with Number(). */
  last_correction_id: ColumnType<number | string, number, number>;
  trained_at: Timestamp;
}

export interface TriageRetrainRunsTable {
  id: BigId;
  account_id: string;
  trigger: 'api' | 'cli' | 'schedule';
  status: 'running' | 'accepted' | 'rejected' | 'failed';
  requested_by: string | null;
  corrections: Generated<number>;
  last_correction_id: ColumnType<number | string, number | undefined, number>;
  model_version: number | null;
  report: Json<Record<string, unknown>> | null;
  error: string | null;
  started_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface TriageAccountTables {
  triage_account_models: TriageAccountModelsTable;
  triage_retrain_runs: TriageRetrainRunsTable;
}
