import { AlertDetector } from '../alerts/alert-detector.ts';
import type { Alert, AlertDetectorConfig } from '../alerts/alert-types.ts';
import { compileMonitors, type MonitorDefinition } from '../match/compile-monitors.ts';
import { matchPost } from '../match/match-post.ts';
import { createEngagementPoller } from './engagement-poller.ts';
import type { SimulatedIncident } from './incidents.ts';
import { createRandom } from './random.ts';
import { type SimulatedPost, type SimulationOptions, simulatePosts } from './simulate-posts.ts';

const MINUTE_MS = 60_000;
const WEEK_MS = 7 * 86_400_000;

/** What a care team for the default simulated brand would monitor. */
export const SCENARIO_MONITORS: MonitorDefinition[] = [
  { id: 'brand', query: 'orbly OR @orbly OR #orbly OR #orblydays' },
  { id: 'app', query: '(orbly OR @orbly) (app OR site OR "orbly.com" OR down OR outage OR crash* OR login)' },
  { id: 'payments', query: '"orbly pay" OR ((orbly OR @orbly) (refund* OR charged OR card))' },
  {
    id: 'delivery',
    query: '(orbly OR @orbly) (deliver* OR parcel OR courier OR livraison OR lieferung OR pedido OR envíos)',
  },
  {
    id: 'support',
    query: '(orbly OR @orbly) ("customer service" OR support OR agent OR chat OR kundenservice)',
  },
  { id: 'complaints', query: '(orbly OR @orbly) (late OR broken OR lost OR wrong OR "no refund") -giveaway' },
  { id: 'campaign', query: '#orblydays OR "orbly days"' },
  { id: 'shopwell', query: 'shopwell OR @shopwell OR #shopwell' },
  { id: 'cartly', query: 'cartly OR @cartlyhq OR #cartly' },
];

export interface DetectionTrialOptions {
  seed: number;
  start: number;
  /** Weeks that only build the baseline (incidents there are not scored). */
  warmupWeeks: number;
  measuredWeeks: number;
  /** Share of sentiment labels flipped, standing in for an imperfect classifier. */
  labelNoise?: number;
  config?: Partial<AlertDetectorConfig>;
  monitors?: MonitorDefinition[];
  /** Overrides for the simulated stream (volumes, brands). */
  simulation?: Partial<Omit<SimulationOptions, 'seed' | 'start' | 'days'>>;
}

export interface IncidentOutcome {
  incident: SimulatedIncident;
  /** Seconds from incident start to its first alert, or null if none. */
  detectionDelaySeconds: number | null;
  alertIds: string[];
}

export interface DetectionTrialResult {
  incidents: IncidentOutcome[];
  alerts: Alert[];
  falseAlerts: Alert[];
  monitorWeeks: number;
  posts: number;
}

/** Grace after an incident's end during which alerts about it still count as true. */
const INCIDENT_GRACE_MS = 60 * MINUTE_MS;

/**
 * Runs the full pipeline (simulate → match → detect) on a generated stream and scores alerts
 * against the injected incidents: detection delay per incident, and false alerts in measured weeks.
 */
export function runDetectionTrial(options: DetectionTrialOptions): DetectionTrialResult {
  const monitors = options.monitors ?? SCENARIO_MONITORS;
  const days = 7 * (options.warmupWeeks + options.measuredWeeks);
  const { posts, incidents } = simulatePosts({
    ...options.simulation,
    seed: options.seed,
    start: options.start,
    days,
  });
  const set = compileMonitors(monitors);
  const detector = new AlertDetector(options.config);
  for (const monitor of monitors) detector.addMonitor({ id: monitor.id, startedAt: options.start });
  const noise = createRandom(options.seed ^ 0x5eed);
  const labelNoise = options.labelNoise ?? 0;

  // Match once up front; only matched posts are mentions (and only they are polled for engagement).
  const mentions: { post: SimulatedPost; monitorIds: string[]; isNegative: boolean }[] = [];
  const incidentMonitors = new Map<string, Map<string, number>>();
  for (const post of posts) {
    const monitorIds = matchPost(set, post);
    if (monitorIds.length === 0) continue;
    const isNegative = noise.chance(labelNoise) ? noise.chance(0.3) : post.sentiment === 'negative';
    mentions.push({ post, monitorIds, isNegative });
    if (post.incidentId) {
      const counts = incidentMonitors.get(post.incidentId) ?? new Map<string, number>();
      for (const id of monitorIds) counts.set(id, (counts.get(id) ?? 0) + 1);
      incidentMonitors.set(post.incidentId, counts);
    }
  }
  const monitorsOf = new Map(mentions.map((mention) => [mention.post.id, mention.monitorIds]));
  const poller = createEngagementPoller(mentions.map((mention) => mention.post));
  const end = options.start + days * 86_400_000;
  let cursor = 0;
  for (let now = options.start + MINUTE_MS; now <= end; now += MINUTE_MS) {
    for (; cursor < mentions.length && mentions[cursor]!.post.at < now; cursor++) {
      const mention = mentions[cursor]!;
      detector.observeMention({
        monitorIds: mention.monitorIds,
        at: mention.post.at,
        isNegative: mention.isNegative,
      });
    }
    for (const reading of poller.poll(now)) {
      detector.observeEngagement({ ...reading, monitorIds: monitorsOf.get(reading.postId) ?? [] });
    }
    detector.tick(now);
  }

  const measuredFrom = options.start + options.warmupWeeks * WEEK_MS;
  const incidentOf = new Map(posts.filter((p) => p.incidentId).map((p) => [p.id, p.incidentId!]));
  const alerts = detector.alerts().filter((alert) => alert.openedAt >= measuredFrom);
  const explains = (alert: Alert, incident: SimulatedIncident): boolean => {
    if (alert.kind === 'fast_post') return alert.postIds.some((id) => incidentOf.get(id) === incident.id);
    const touched = (incidentMonitors.get(incident.id)?.get(alert.monitorId) ?? 0) >= 3;
    return touched && alert.openedAt >= incident.start && alert.openedAt <= incident.end + INCIDENT_GRACE_MS;
  };
  const outcomes = incidents
    .filter((incident) => incident.start >= measuredFrom)
    .map((incident): IncidentOutcome => {
      const hits = alerts.filter((alert) => explains(alert, incident));
      const first = Math.min(...hits.map((alert) => alert.openedAt));
      return {
        incident,
        detectionDelaySeconds: hits.length ? (first - incident.start) / 1000 : null,
        alertIds: hits.map((alert) => alert.id),
      };
    });
  const falseAlerts = alerts.filter((alert) => !incidents.some((incident) => explains(alert, incident)));
  return {
    incidents: outcomes,
    alerts,
    falseAlerts,
    monitorWeeks: monitors.length * options.measuredWeeks,
    posts: posts.length,
  };
}
