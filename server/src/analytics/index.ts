// Analytics: reporting events written by a follower of the activity log, KPI reports over them,
// CSV export, the outgoing signed webhook and the audit rebuild. Definitions: docs/metrics.md.

export { parseCsatScore } from './csat.ts';
export { toCsv } from './csv.ts';
export { analyticsFollower } from './follower.ts';
export { type RebuildProgress, rebuildAnalytics } from './rebuild.ts';
export { RECORDED_KINDS, recordActivity } from './recorder.ts';
export { backlog } from './reports/backlog.ts';
export { conversationMetrics } from './reports/conversations.ts';
export { DISTRIBUTION_METRICS, type DistributionMetric, distribution } from './reports/distribution.ts';
export { DIMENSIONS, type Dimension, GRAINS, type Grain, type ReportFilter } from './reports/filters.ts';
export { volumeHeatmap } from './reports/heatmap.ts';
export { type KpiRow, kpiBreakdown } from './reports/kpis.ts';
export { timeSeries } from './reports/timeseries.ts';
export { rebuildRollup } from './rollup.ts';
export {
  type AnalyticsSettings,
  defaultAnalyticsSettings,
  loadAnalyticsSettings,
  saveAnalyticsSettings,
} from './settings.ts';
export { eventDto, WEBHOOK_EVENT_KINDS } from './webhook-queue.ts';
export {
  AnalyticsWebhookSender,
  saveWebhookSubscription,
  signWebhookBody,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
} from './webhook-sender.ts';
