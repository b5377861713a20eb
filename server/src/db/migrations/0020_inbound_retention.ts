// Processed webhook deliveries are pruned after INBOUND_RETENTION_DAYS (channels/pipeline/retention.ts):
// an index over just those rows keeps the pruning from scanning the pending and dead ones.
export const sql = /* sql */ `
CREATE INDEX inbound_events_done ON inbound_events (processed_at) WHERE status = 'done';
`;
