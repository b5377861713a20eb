export { attachableFiles, attachToReply, type StoredAttachmentRef } from './attach-to-reply.ts';
export {
  InboundMediaWorker,
  type InboundMediaWorkerOptions,
  mediaRetryDelayMs,
} from './inbound-media-worker.ts';
export {
  type AttachmentKind,
  attachmentKind,
  checkUpload,
  formatBytes,
  normaliseMimeType,
  safeFileName,
  type UploadLimits,
} from './limits.ts';
export {
  type AttachmentDto,
  deleteUnsentAttachment,
  readAttachment,
  readAttachmentById,
  type StoredFile,
  saveAttachment,
  toAttachmentDto,
} from './store.ts';
