// The pure core of routing: business-hours calendars, SLA policies and clocks, assignment strategies
// and queue order. No database, network or clock: `now` is always a parameter. The module's
// index.ts re-exports from here.

export {
  byLeastLoaded,
  canTake,
  hasCapacityFor,
  isInTeam,
  isOnline,
  loadRatio,
  meetsSkills,
} from './assign/eligibility.ts';
export { createLeastLoaded } from './assign/least-loaded.ts';
export { isEligibleToPull, nextBestConversation, type PullOptions } from './assign/manual-pull.ts';
export {
  type AssignmentSnapshot,
  checkReassignment,
  type ReassignCheck,
  type ReassignPolicy,
  type ReassignReason,
} from './assign/reassign.ts';
export {
  decideAssignment,
  defaultStrategyRegistry,
  type StrategyConfig,
  type StrategyFactory,
  StrategyRegistry,
  UnknownStrategyError,
} from './assign/registry.ts';
export { createRoundRobin } from './assign/round-robin.ts';
export { createSkillsBased, type OverflowStage, type SkillsBasedOptions } from './assign/skills-based.ts';
export { createSticky } from './assign/sticky.ts';
export type {
  AgentSnapshot,
  AssignmentDecision,
  Presence,
  QueueReason,
  RoutableConversation,
  RoutingContext,
  SkillRequirement,
  Strategy,
  WorkKind,
} from './assign/types.ts';
export { PRIORITIES, type Priority, priorityRank } from './priority.ts';
export { type QueueItem, type QueueOrderMode, queueComparator, sortQueue } from './queue-order.ts';
export { addBusinessTime, businessTimeBetween, isOpen, nextOpening } from './sla/business-time.ts';
export {
  ALWAYS_OPEN_CALENDAR_ID,
  alwaysOpenCalendar,
  type BusinessCalendar,
  CalendarError,
  type DayPeriod,
  type EpochMs,
  type SpecialDay,
  validateCalendar,
  type Weekday,
  type WeeklyPeriod,
} from './sla/calendar.ts';
export {
  type ClockState,
  computeSla,
  type SlaAttainment,
  type SlaClock,
  type SlaInput,
  type SlaState,
} from './sla/compute-sla.ts';
export {
  DEFAULT_SLA_POLICY,
  type ResolvedTargets,
  resolveTargets,
  type SlaChannel,
  type SlaMetric,
  type SlaPolicy,
  SlaPolicyError,
  type SlaRule,
  type SlaSubject,
  type SlaTargets,
  type Visibility,
  validatePolicy,
} from './sla/policy.ts';
export type { ConversationStatus, PausedInterval, PauseReason, SlaEvent } from './sla/timeline.ts';
export { type SlaTransition, slaTransitions } from './sla/transitions.ts';
