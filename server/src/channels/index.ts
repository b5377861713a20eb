export * from './adapter.ts';
export { API_SIGNATURE_HEADER, apiAdapter, signApiBody } from './api/adapter.ts';
export { decryptSecrets, encryptSecrets } from './credentials.ts';
export { AttachmentUrlSigner, type SignedFileRef } from './outbox/attachment-urls.ts';
export { loadReply, refuseUnsendable } from './outbox/load-reply.ts';
export {
  enqueueReply,
  OutboxWorker,
  type OutboxWorkerOptions,
  sendBackoffMs,
} from './outbox/outbox-worker.ts';
export { DeliveryWriter } from './pipeline/group-insert.ts';
export { backoffSeconds, InboundWorker, type InboundWorkerOptions } from './pipeline/inbound-worker.ts';
export { answerHandshake, type ReceiveDeps, receiveWebhook } from './pipeline/receive.ts';
export { inboundRetention, pruneInboundEvents } from './pipeline/retention.ts';
export { adapterFor, knownProviders, registerAdapter } from './registry.ts';
export { type ChannelDto, ChannelStore } from './store.ts';
