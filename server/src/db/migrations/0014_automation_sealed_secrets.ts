// Automation (issue 5): rule webhook secrets sealed at rest with the server's secret key, and the
// time-rule sweep driven by due times instead of a scan of every open conversation each tick.
import { type Kysely, sql as query } from 'kysely';
// Imported by path, not through the channels module's index: migrations load before any module.
import { encryptSecrets } from '../../channels/credentials.ts';
import type { DB } from '../schema.ts';

export const sql = /* sql */ `
-- no_agent_reply rules: the wait (waiting_since) the sweep has scheduled, and when it must look next.
ALTER TABLE conversations ADD COLUMN automation_wait_seen timestamptz;
ALTER TABLE conversations ADD COLUMN automation_due_at timestamptz;
-- Waits the sweep has not scheduled yet: a customer started (or restarted) waiting since its last look.
CREATE INDEX conversations_automation_new_wait ON conversations (account_id)
  WHERE status IN ('new', 'open') AND is_case AND waiting_since IS NOT NULL
    AND automation_wait_seen IS DISTINCT FROM waiting_since;
CREATE INDEX conversations_automation_due ON conversations (automation_due_at)
  WHERE automation_due_at IS NOT NULL;

-- scheduled rules: how far the current slot's pass over open conversations has got.
ALTER TABLE automation_rules ADD COLUMN sweep_occasion text;
ALTER TABLE automation_rules ADD COLUMN sweep_after_id uuid;
ALTER TABLE automation_rules ADD COLUMN is_sweep_done boolean NOT NULL DEFAULT false;
`;

/**
 * Seal the webhook secrets stored in clear before this migration: in each rule's webhook actions
 * (`secret` → `secretSealed`) and in queued deliveries. Needs the key only when there is one to seal.
 */
export async function sealStoredWebhookSecrets(
  trx: Kysely<DB>,
  secretKey: string | undefined,
): Promise<void> {
  const rules = await query<{ id: string; actions: Record<string, unknown>[] }>`
    SELECT id, actions FROM automation_rules
    WHERE EXISTS (
      SELECT 1 FROM jsonb_array_elements(actions) a WHERE a->>'type' = 'webhook' AND a->>'secret' IS NOT NULL)
    FOR UPDATE`.execute(trx);
  const deliveries = await query<{ id: number; secret: string }>`
    SELECT id, secret FROM automation_webhooks FOR UPDATE`.execute(trx);
  if (rules.rows.length + deliveries.rows.length === 0) return;
  if (!secretKey)
    throw new Error(
      `migration 0014 seals ${rules.rows.length + deliveries.rows.length} stored webhook secret(s) and needs the server's secret key: run \`parley migrate\` or \`parley serve\` with PARLEY_SECRET_KEY`,
    );
  const seal = (secret: string) => encryptSecrets(secretKey, { signingSecret: secret });
  for (const rule of rules.rows) {
    const actions = rule.actions.map((action) => {
      if (action.type !== 'webhook' || typeof action.secret !== 'string') return action;
      const { secret, ...rest } = action;
      return { ...rest, secretSealed: seal(secret) };
    });
    await query`UPDATE automation_rules SET actions = ${JSON.stringify(actions)}::jsonb WHERE id = ${rule.id}`.execute(
      trx,
    );
  }
  for (const delivery of deliveries.rows)
    await query`UPDATE automation_webhooks SET secret = ${seal(delivery.secret)} WHERE id = ${delivery.id}`.execute(
      trx,
    );
}
