import type { Kysely } from 'kysely';
import type { DB } from '../../db/index.ts';
import { compileMonitors, type MonitorSet } from '../match/compile-monitors.ts';
import { matchPost } from '../match/match-post.ts';
import type { AutoCaseRule } from './monitors.ts';

export interface AccountMonitors {
  set: MonitorSet;
  match(text: string, language: string | undefined): string[];
  /** Id of the first matched monitor whose auto-case rule this mention meets, if any. */
  autoCaseRuleFor(
    monitorIds: string[],
    mention: { sentiment: string; isActionable: boolean; reach: number },
  ): string | undefined;
}

export function meetsAutoCaseRule(
  rule: AutoCaseRule | null | undefined,
  mention: { sentiment: string; isActionable: boolean; reach: number },
): boolean {
  if (!rule) return false;
  if (rule.actionableNegative && mention.isActionable && mention.sentiment === 'negative') return true;
  return rule.minReach !== undefined && rule.minReach !== null && mention.reach >= rule.minReach;
}

/**
 * Each account's active monitors compiled into one MonitorSet; recompiled only when a monitor was
 * added, changed or removed (the signature of ids and update times differs).
 */
export class MonitorCache {
  readonly #byAccount = new Map<string, { signature: string; monitors: AccountMonitors }>();

  async forAccount(db: Kysely<DB>, accountId: string): Promise<AccountMonitors> {
    const rows = await db
      .selectFrom('listening_monitors')
      .select(['id', 'query', 'auto_case', 'updated_at'])
      .where('account_id', '=', accountId)
      .where('is_active', '=', true)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const signature = rows.map((r) => `${r.id}@${r.updated_at.getTime()}`).join(',');
    const cached = this.#byAccount.get(accountId);
    if (cached && cached.signature === signature) return cached.monitors;
    const set = compileMonitors(rows.map((r) => ({ id: r.id, query: r.query })));
    const rules = new Map(rows.map((r) => [r.id, r.auto_case]));
    const monitors: AccountMonitors = {
      set,
      match: (text, language) => matchPost(set, { text, ...(language ? { language } : {}) }),
      autoCaseRuleFor: (monitorIds, mention) =>
        monitorIds.find((id) => meetsAutoCaseRule(rules.get(id), mention)),
    };
    this.#byAccount.set(accountId, { signature, monitors });
    return monitors;
  }
}
