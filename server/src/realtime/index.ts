export { type DeliveredEvent, RealtimeHub } from './hub.ts';
export { appendRealtimeEvents, type RealtimeEvent, takeEventOrderLock } from './publish.ts';
export { pruneRealtimeEvents, realtimeRetention } from './retention.ts';
