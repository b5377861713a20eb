import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics for one process. A registry per instance keeps tests independent. */
export class Metrics {
  readonly registry = new Registry();
  readonly eventsReceived = new Counter({
    name: 'parley_inbound_events_received_total',
    help: 'Webhook deliveries stored, by provider (redeliveries of a stored delivery excluded)',
    labelNames: ['provider'],
    registers: [this.registry],
  });
  readonly eventsDuplicate = new Counter({
    name: 'parley_inbound_events_duplicate_total',
    help: 'Webhook deliveries acknowledged that were already stored',
    labelNames: ['provider'],
    registers: [this.registry],
  });
  readonly eventsProcessed = new Counter({
    name: 'parley_inbound_events_processed_total',
    help: 'Inbound deliveries processed successfully',
    registers: [this.registry],
  });
  readonly eventsFailed = new Counter({
    name: 'parley_inbound_events_failed_total',
    help: 'Inbound delivery processing attempts that failed (retried or parked)',
    registers: [this.registry],
  });
  readonly eventsDead = new Counter({
    name: 'parley_inbound_events_dead_total',
    help: 'Inbound deliveries parked as dead after their last attempt',
    registers: [this.registry],
  });
  readonly queueLag = new Gauge({
    name: 'parley_inbound_queue_lag_seconds',
    help: 'Age of the oldest pending inbound delivery',
    registers: [this.registry],
  });
  readonly queueDepth = new Gauge({
    name: 'parley_inbound_queue_depth',
    help: 'Pending inbound deliveries',
    registers: [this.registry],
  });
  readonly followerLag = new Gauge({
    name: 'parley_activity_follower_lag_rows',
    help: 'Conversation activity rows a follower (routing, sla, automation, analytics) has yet to handle',
    labelNames: ['consumer'] as const,
    registers: [this.registry],
  });
  readonly outboundSent = new Counter({
    name: 'parley_outbound_sent_total',
    help: 'Replies delivered to their platform',
    labelNames: ['provider'],
    registers: [this.registry],
  });
  readonly outboundRetried = new Counter({
    name: 'parley_outbound_retried_total',
    help: 'Reply send attempts that will be retried',
    labelNames: ['provider'],
    registers: [this.registry],
  });
  readonly outboundFailed = new Counter({
    name: 'parley_outbound_failed_total',
    help: 'Replies that failed for good or whose outcome is unknown',
    labelNames: ['provider', 'outcome'],
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'parley_http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
}
