export { type DeliveredEvent, RealtimeHub } from './hub.ts';
export { appendRealtimeEvents, type RealtimeEvent } from './publish.ts';
