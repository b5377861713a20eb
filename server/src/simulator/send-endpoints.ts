import type { CannedResponse, PlatformFamily } from './faults.ts';
import { numericId } from './rng.ts';

// The platform send endpoints the adapters call, under one prefix per platform so one simulator
// serves them all: `/graph/vXX.X/…` (Meta Graph API), `/x/2/…` (X API v2), `/api-callback/{channelId}`.

export type SendKind =
  | 'send_api' // POST /me/messages (Messenger, Instagram DMs, private replies)
  | 'comment_reply' // POST /{comment-id}/comments (Facebook)
  | 'ig_comment_reply' // POST /{ig-comment-id}/replies
  | 'ig_mention_reply' // POST /{ig-user-id}/mentions
  | 'whatsapp_message' // POST /{phone-number-id}/messages
  | 'x_post' // POST /2/tweets
  | 'x_dm' // POST /2/dm_conversations/with/{user-id}/messages
  | 'api_callback'; // POST /api-callback/{channelId}

export interface SendRoute {
  family: PlatformFamily;
  kind: SendKind;
  /** The id in the path: comment, media owner, phone-number id, DM recipient or API channel id. */
  pathId?: string;
}

export function matchSendRoute(method: string, path: string): SendRoute | null {
  if (method !== 'POST') return null;
  const graph = /^\/graph\/v\d+\.\d+\/([^/]+)\/([^/]+)$/.exec(path);
  if (graph) {
    const [, node = '', edge = ''] = graph;
    const id = decodeURIComponent(node);
    if (id === 'me' && edge === 'messages') return { family: 'meta', kind: 'send_api' };
    if (edge === 'comments') return { family: 'meta', kind: 'comment_reply', pathId: id };
    if (edge === 'replies') return { family: 'meta', kind: 'ig_comment_reply', pathId: id };
    if (edge === 'mentions') return { family: 'meta', kind: 'ig_mention_reply', pathId: id };
    if (edge === 'messages') return { family: 'meta', kind: 'whatsapp_message', pathId: id };
    return null;
  }
  if (path === '/x/2/tweets') return { family: 'x', kind: 'x_post' };
  const dm = /^\/x\/2\/dm_conversations\/with\/([^/]+)\/messages$/.exec(path);
  if (dm) return { family: 'x', kind: 'x_dm', pathId: decodeURIComponent(dm[1] ?? '') };
  const callback = /^\/api-callback\/([^/]+)$/.exec(path);
  if (callback) return { family: 'api', kind: 'api_callback', pathId: decodeURIComponent(callback[1] ?? '') };
  return null;
}

function base64Id(random: () => number, bytes: number): string {
  const raw = Buffer.from(Array.from({ length: bytes }, () => Math.floor(random() * 256)));
  return raw.toString('base64url');
}

export interface Accepted {
  response: CannedResponse;
  /** The platform id given to the message. */
  platformId: string;
}

/** The success answer in the platform's format, with a generated id. */
export function acceptSend(
  route: SendRoute,
  body: Record<string, unknown>,
  context: { isInstagram: boolean; brandUserId?: string | undefined },
  random: () => number,
): Accepted {
  const json = { 'content-type': 'application/json' };
  const ok = (status: number, payload: unknown, platformId: string): Accepted => ({
    response: { status, headers: json, body: JSON.stringify(payload) },
    platformId,
  });
  const recipient = (body.recipient ?? {}) as { id?: string; comment_id?: string };
  switch (route.kind) {
    case 'send_api': {
      const id = context.isInstagram ? `aWdf${base64Id(random, 24)}` : `m_${base64Id(random, 30)}`;
      return ok(200, { recipient_id: recipient.id ?? numericId(random, 16), message_id: id }, id);
    }
    case 'comment_reply': {
      const id = `${(route.pathId ?? '').split('_')[0] || numericId(random, 15)}_${numericId(random, 16)}`;
      return ok(200, { id }, id);
    }
    case 'ig_comment_reply':
    case 'ig_mention_reply': {
      const id = numericId(random, 17);
      return ok(200, { id }, id);
    }
    case 'whatsapp_message': {
      const id = `wamid.${base64Id(random, 36)}`;
      const to = String(body.to ?? '').replace(/^\+/, '');
      return ok(
        200,
        {
          messaging_product: 'whatsapp',
          contacts: [{ input: String(body.to ?? ''), wa_id: to }],
          messages: [{ id }],
        },
        id,
      );
    }
    case 'x_post': {
      const id = numericId(random, 19);
      return ok(201, { data: { id, text: String(body.text ?? ''), edit_history_tweet_ids: [id] } }, id);
    }
    case 'x_dm': {
      const id = numericId(random, 19);
      const conversation = `${context.brandUserId ?? numericId(random, 19)}-${route.pathId ?? ''}`;
      return ok(201, { data: { dm_conversation_id: conversation, dm_event_id: id } }, id);
    }
    case 'api_callback': {
      const id = `sim-${base64Id(random, 12)}`;
      return ok(200, { id }, id);
    }
  }
}

export function unauthorized(family: PlatformFamily): CannedResponse {
  const json = { 'content-type': 'application/json' };
  if (family === 'meta') {
    const error = {
      message: 'Invalid OAuth access token - Cannot parse access token',
      type: 'OAuthException',
      code: 190,
      fbtrace_id: 'SimTrace',
    };
    return { status: 401, headers: json, body: JSON.stringify({ error }) };
  }
  if (family === 'x') {
    return {
      status: 401,
      headers: json,
      body: JSON.stringify({
        title: 'Unauthorized',
        type: 'about:blank',
        status: 401,
        detail: 'Unauthorized',
      }),
    };
  }
  return { status: 401, headers: json, body: '{"error":"bad signature"}' };
}
