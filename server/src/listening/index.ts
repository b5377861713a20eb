// Social listening. The pure core (monitor queries, multi-monitor matching, alert detection, trends,
// a simulator of public posts) has no database, network or clock; `store/` puts it on the database:
// monitors, the listening-stream ingest, mentions, cases from mentions, alerts and their delivery.

export {
  AlertDetector,
  type EngagementObservationInput,
  type MentionObservation,
} from './alerts/alert-detector.ts';
export {
  type Alert,
  type AlertDetectorConfig,
  type AlertEvent,
  type AlertKind,
  type AlertMeasurement,
  DEFAULT_ALERT_CONFIG,
} from './alerts/alert-types.ts';
export { describeAlert } from './alerts/describe-alert.ts';
export { poissonUpperTail } from './alerts/poisson-tail.ts';
export { DEMO_BRAND, demoPosts, startListeningDemo } from './demo/listening-demo.ts';
export {
  type CompiledMonitor,
  compileMonitors,
  type MonitorDefinition,
  type MonitorSet,
} from './match/compile-monitors.ts';
export { matchPost, matchTokenizedPost, type PostToMatch } from './match/match-post.ts';
export { evaluateQuery, formatQuery } from './query/evaluate-query.ts';
export { foldText } from './query/fold-text.ts';
export { parseQuery, QUERY_LIMITS, type QueryValidation, validateQuery } from './query/parse-query.ts';
export { QueryError, type QueryErrorCode, type QueryNode, type TokenPattern } from './query/query-ast.ts';
export { type TokenizedText, tokenizeText } from './query/tokenize-text.ts';
export type { Sentiment as MentionSentiment } from './sentiment.ts';
export {
  type DetectionTrialOptions,
  type DetectionTrialResult,
  type IncidentOutcome,
  runDetectionTrial,
  SCENARIO_MONITORS,
} from './simulate/detection-trial.ts';
export {
  createEngagementPoller,
  type EngagementObservation,
  POLL_OFFSETS_MINUTES,
} from './simulate/engagement-poller.ts';
export type { IncidentKind, SimulatedIncident } from './simulate/incidents.ts';
export {
  type BrandProfile,
  renderMention,
  renderNoise,
  type Sentiment,
  TOPICS,
  type Topic,
} from './simulate/post-templates.ts';
export { createRandom, type Random } from './simulate/random.ts';
export { seasonalFactor } from './simulate/seasonality.ts';
export {
  DEFAULT_BRAND,
  DEFAULT_COMPETITORS,
  engagementAt,
  type SimulatedPost,
  type SimulationOptions,
  simulatePosts,
} from './simulate/simulate-posts.ts';
export { syntheticBrands } from './simulate/synthetic-brands.ts';
export {
  ALERT_DELIVERIES_PER_HOUR,
  ALERT_SIGNATURE_HEADER,
  signAlertBody,
} from './store/alert-deliveries.ts';
export { type AlertDto, toAlertDto } from './store/alert-dto.ts';
export { convertMentionToCase } from './store/convert-mention.ts';
export { ListeningService, type ListeningServiceOptions } from './store/listening-service.ts';
export { listMentions, type MentionFilters } from './store/mention-list.ts';
export {
  type AutoCaseRule,
  createMonitor,
  deleteMonitor,
  getMonitorRow,
  listMonitors,
  type MonitorDto,
  type MonitorInput,
  updateMonitor,
} from './store/monitors.ts';
export { listeningTrends, type TrendsQuery } from './store/trends-query.ts';
export { buildListeningDelivery, type PublicPost, parseListeningDelivery } from './store/x-stream.ts';
export {
  type ClusterOptions,
  type ComplaintCluster,
  type ComplaintPost,
  clusterComplaints,
} from './trends/complaint-clusters.ts';
export { type ContentTermOptions, contentTerms } from './trends/content-terms.ts';
export { type SentimentBucket, sentimentOverTime } from './trends/sentiment-over-time.ts';
export { type MonitoredMention, shareOfVoice, type VoiceShare } from './trends/share-of-voice.ts';
export { STOPWORDS } from './trends/stopwords.ts';
export {
  countTerms,
  type EmergingTerm,
  emergingTerms,
  type TermCounts,
  type TopTerm,
  topTerms,
} from './trends/term-counts.ts';
