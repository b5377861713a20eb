export { getContact, type IdentityInput, mergeContacts, resolveContact, searchContacts } from './contacts.ts';
export { type ConversationFilters, listConversations } from './conversation-list.ts';
export {
  addNote,
  assignConversation,
  type ConversationDto,
  getConversation,
  getConversationDtos,
  setConversationPriority,
  setConversationStatus,
} from './conversations.ts';
export { type MessageDto, priorityRank, toMessageDto } from './dto.ts';
export { type MentionAsMessage, mentionMessageEvents, recordMentionAsMessage } from './from-mention.ts';
export { InboundBatch } from './inbound-batch.ts';
export type { Annotation, ThreadContext } from './inbound-batch-rows.ts';
export {
  applyDelete,
  applyDeliveryStatus,
  applyEdit,
  applyWatermark,
  createReply,
  type InboundMessage,
  type InboundResult,
  reconcileEcho,
} from './messages.ts';
export { latestCustomerText, listReplyPairs } from './reply-history.ts';
export {
  correctMessageTriage,
  listTriageCorrections,
  listTriagedOpenConversations,
  updateTriagedPriority,
} from './triage-store.ts';
