import { facebookAdapter } from './facebook.ts';
import { instagramAdapter } from './instagram.ts';
import { messengerAdapter } from './messenger.ts';
import { whatsappAdapter } from './whatsapp.ts';

export { DEFAULT_GRAPH_BASE_URL, ECHO_TAG_PREFIX } from './graph-requests.ts';
export { mentionExternalId, parseMentionExternalId } from './parse-instagram-changes.ts';
export { PayloadError } from './payload.ts';
export { TEXT_LIMITS } from './send-rules.ts';
export { facebookAdapter, instagramAdapter, messengerAdapter, whatsappAdapter };

/** Every Meta adapter, for registration: `metaAdapters.forEach(registerAdapter)`. */
export const metaAdapters = [messengerAdapter, facebookAdapter, instagramAdapter, whatsappAdapter] as const;
