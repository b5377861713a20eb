// Per-account triage models learnt from agents' corrections (issue 4), and every retraining run with
// its held-out metrics, whether it was accepted or not.
export const sql = /* sql */ `
CREATE TABLE triage_account_models (
  account_id uuid PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  version integer NOT NULL,
  model bytea NOT NULL,
  report jsonb NOT NULL,
  corrections integer NOT NULL,
  last_correction_id bigint NOT NULL,
  trained_at timestamptz NOT NULL
);

CREATE TABLE triage_retrain_runs (
  id bigserial PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  trigger text NOT NULL CHECK (trigger IN ('api', 'cli', 'schedule')),
  status text NOT NULL CHECK (status IN ('running', 'accepted', 'rejected', 'failed')),
  requested_by uuid REFERENCES users(id) ON DELETE SET NULL,
  corrections integer NOT NULL DEFAULT 0,
  last_correction_id bigint NOT NULL DEFAULT 0,
  model_version integer,
  report jsonb,
  error text,
  started_at timestamptz NOT NULL,
  finished_at timestamptz
);
CREATE INDEX triage_retrain_runs_account ON triage_retrain_runs (account_id, id DESC);
CREATE UNIQUE INDEX triage_retrain_runs_one_running ON triage_retrain_runs (account_id) WHERE status = 'running';
`;
