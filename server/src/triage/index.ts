export * from './adapt/index.ts';
export { loadTriageModels } from './load-models.ts';
export type { TriageModels } from './models.ts';
export { computePriority, defaultPrioritySettings, levelFor } from './priority.ts';
export { buildReplyIndex, type ReplyIndex, suggestReplies } from './replies/index.ts';
export { defaultTriageSettings, triageMessage } from './triage-message.ts';
export * from './types.ts';
