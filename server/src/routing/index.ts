// Routing and SLAs: the pure core (core.ts) plus storage, the routing/SLA follower and sweep.
export * from './core.ts';
export {
  calendarFromRow,
  type LoadedSla,
  loadBusinessCalendar,
  loadSlaPolicy,
  policyFromRow,
} from './db/calendars.ts';
