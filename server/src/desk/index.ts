export {
  type ApprovalDto,
  type ApprovalSettings,
  approveReply,
  getApprovalSettings,
  listApprovals,
  needsApproval,
  rejectReply,
  requestApproval,
  saveApprovalSettings,
  setMemberNeedsApproval,
} from './approvals.ts';
export {
  type CannedInput,
  type CannedResponseDto,
  createCanned,
  deleteCanned,
  listCanned,
  renderCanned,
  updateCanned,
  variableValues,
} from './canned.ts';
export {
  addConversationLabel,
  createLabel,
  deleteLabel,
  findLabelByName,
  type LabelDto,
  listLabels,
  removeConversationLabel,
} from './labels.ts';
export { lockConversation } from './lock.ts';
export { mergeConversations, transferToTeam } from './merge.ts';
export {
  closeStaleWorkTime,
  listViewers,
  PRESENCE_TTL_MS,
  type PresenceState,
  recordPresence,
  type Viewer,
} from './presence.ts';
export { messagesSince } from './reply-conflict.ts';
export { replyLimit } from './reply-limits.ts';
export { snoozeConversation, wakeSnoozed } from './snooze.ts';
export { renderTemplate, unknownVariables, VARIABLE_NAMES, type VariableValues } from './variables.ts';
