// The per-conversation summary the recorder keeps: state it needs to measure the next event
// (when the current cycle started, whether the customer is waiting) and the conversation's metrics.
// Read and written once per batch (batch-store.ts).
import type { Selectable } from 'kysely';
import type { AnalyticsConversationsTable } from '../db/index.ts';

export type Summary = Selectable<AnalyticsConversationsTable>;
