// Routing and SLAs: the pure core (core.ts) plus storage, the routing/SLA follower and sweep.
export * from './core.ts';
export {
  calendarFromRow,
  type LoadedSla,
  loadBusinessCalendar,
  loadSlaPolicy,
  policyFromRow,
} from './db/calendars.ts';
export {
  type CalendarInput,
  calendarDto,
  type PolicyInput,
  policyDto,
  saveCalendar,
  savePolicy,
} from './db/config-store.ts';
export { seedRoutingDemo } from './db/demo.ts';
export {
  getPresence,
  type PresenceDto,
  type PresenceSetBy,
  setPresence,
  touchAgents,
} from './db/presence.ts';
export { pullNextConversation } from './db/pull.ts';
export {
  ROUTING_FOLLOWER_NAME,
  RoutingSweep,
  routingFollowers,
  routingSweep,
  SLA_FOLLOWER_NAME,
} from './db/runtime.ts';
export {
  DEFAULT_ROUTING_SETTINGS,
  effectiveSettings,
  loadAccountRoutingSettings,
  type RoutingScope,
  type RoutingSettings,
  saveRoutingSettings,
  validateRoutingSettings,
} from './db/settings.ts';
export { type SweepResult, sweepOnce, sweepQueue } from './db/sweep.ts';
export { type AgentBoardRow, listAgentBoard, listTeamsWithMembers } from './db/wallboard.ts';
