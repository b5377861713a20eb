export { facebookAdapter } from './facebook.ts';
export { DEFAULT_GRAPH_BASE_URL } from './graph-requests.ts';
export { instagramAdapter } from './instagram.ts';
export { messengerAdapter } from './messenger.ts';
export { mentionExternalId, parseMentionExternalId } from './parse-instagram-changes.ts';
export { PayloadError } from './payload.ts';
export { TEXT_LIMITS } from './send-rules.ts';
export { whatsappAdapter } from './whatsapp.ts';
