export { matches, matchesAll, safeRegex } from './conditions.ts';
export { fireRule, MAX_FIRINGS_PER_CONVERSATION_PER_HOUR, runRules } from './engine.ts';
export { loadFacts } from './facts.ts';
export { AUTOMATION_KINDS, automationFollower, triggersOf } from './follower.ts';
export { createRule, deleteRule, getRule, listRules, updateRule, validateRule } from './rules-store.ts';
export { DeskSweep, type DeskSweepOptions } from './sweep.ts';
export * from './types.ts';
export { deliverWebhooks, signWebhookBody, webhookBackoffMs } from './webhooks.ts';
