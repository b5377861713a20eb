export { getContact, type IdentityInput, mergeContacts, resolveContact, searchContacts } from './contacts.ts';
export {
  addNote,
  assignConversation,
  type ConversationDto,
  type ConversationFilters,
  getConversation,
  getConversationDtos,
  listConversations,
  setConversationPriority,
  setConversationStatus,
} from './conversations.ts';
export { type MessageDto, priorityRank, toMessageDto } from './dto.ts';
export { type Annotation, InboundBatch, type ThreadContext } from './inbound-batch.ts';
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
export {
  correctMessageTriage,
  listTriageCorrections,
  listTriagedOpenConversations,
  updateTriagedPriority,
} from './triage-store.ts';
