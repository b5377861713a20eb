export { type DeliveredEvent, RealtimeHub } from './hub.ts';
export type { ConversationLoader } from './hydrate.ts';
export {
  appendRealtimeEvents,
  conversationUpdated,
  publishConversation,
  type RealtimeEvent,
  takeEventOrderLock,
} from './publish.ts';
export { pruneRealtimeEvents, realtimeRetention } from './retention.ts';
