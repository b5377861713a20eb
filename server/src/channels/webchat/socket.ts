import type { WebSocket } from 'ws';
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/index.ts';
import type { Metrics } from '../../metrics/index.ts';
import type { DeliveredEvent } from '../../realtime/index.ts';
import type { ChannelContext } from '../adapter.ts';
import type { DeliveryWriter } from '../pipeline/group-insert.ts';
import { chatExternalId } from './adapter.ts';
import { isAnyAgentOnline, isAnyAgentOnlineAfter } from './availability.ts';
import { CLIENT_MESSAGE_ID, MAX_CHAT_TEXT, type WebchatDelivery } from './delivery.ts';
import { isOriginAllowed, resolveVisitor } from './identity.ts';
import { attachVisitorEmail } from './visitor-email.ts';
import {
  isVisible,
  toChatLine,
  visitorConnected,
  visitorConversationIds,
  visitorDisconnected,
  visitorHistory,
  visitorSeen,
} from './visitors.ts';

// One visitor's socket: who they are, their history, their messages stored before each ack, and
// agents' replies pushed as soon as the outbox marks them sent (from the realtime log, so the
// outbox may run in another process).

export interface VisitorSocketDeps {
  db: Database;
  metrics: Metrics;
  writer: DeliveryWriter;
  clock: Clock;
  hub: { subscribe(accountId: string, fn: (event: DeliveredEvent) => void): () => void };
  onStored: () => void;
}

export interface VisitorQuery {
  visitorId?: string;
  token?: string;
  userId?: string;
  userHash?: string;
  name?: string;
  email?: string;
  pageUrl?: string;
}

const RATE_WINDOW_MS = 60_000;
const RATE_MAX_MESSAGES = 30;
const HEARTBEAT_MS = 30_000;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/;

function send(socket: WebSocket, frame: Record<string, unknown>) {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}

function refuse(socket: WebSocket, closeCode: number, code: string, message: string) {
  send(socket, { type: 'error', code, message });
  socket.close(closeCode, code);
}

export async function serveVisitor(
  socket: WebSocket,
  channel: ChannelContext | null,
  request: { origin: string | undefined; query: VisitorQuery },
  deps: VisitorSocketDeps,
): Promise<void> {
  if (channel?.provider !== 'webchat') {
    refuse(socket, 4404, 'channel_not_found', 'No web chat channel here');
    return;
  }
  if (!isOriginAllowed(channel.settings.allowedOrigins, request.origin)) {
    refuse(socket, 4403, 'origin_not_allowed', `Chat is not enabled for ${request.origin ?? 'this page'}`);
    return;
  }
  const identity = resolveVisitor(
    channel.secrets.signingSecret,
    request.query,
    channel.settings.requireIdentity === true,
  );
  if (!identity.ok) {
    refuse(socket, 4401, identity.code, identity.message);
    return;
  }
  const { visitorId, isVerified } = identity;
  const db = deps.db.kysely;
  const name = request.query.name?.slice(0, 200) || undefined;

  // Subscribe before reading history so a reply sent meanwhile is not missed (ids dedupe).
  const conversations = new Set<string>();
  const pushed = new Set<string>();
  const ownPrefix = chatExternalId(visitorId, '');
  let agentsOnline: boolean | undefined;
  const unsubscribe = deps.hub.subscribe(channel.accountId, (event) => {
    if (event.type === 'presence.changed') {
      // Whether anyone can answer decides if the widget asks for an email address.
      void isAnyAgentOnlineAfter(db, channel.accountId, event.id).then(
        (isOnline) => {
          if (agentsOnline === undefined || isOnline === agentsOnline) return;
          agentsOnline = isOnline;
          send(socket, { type: 'availability', agentsOnline: isOnline });
        },
        () => undefined,
      );
      return;
    }
    if (event.type !== 'message.created' && event.type !== 'message.updated') return;
    const message = event.payload.message as
      | {
          id: string;
          channelId: string;
          conversationId: string;
          direction: string;
          text: string;
          sentAt: string;
          externalId: string | null;
          deliveryStatus: string;
          isDeleted: boolean;
        }
      | undefined;
    if (!message || message.channelId !== channel.id) return;
    if (message.direction === 'in' && message.externalId?.startsWith(ownPrefix)) {
      conversations.add(message.conversationId);
      return;
    }
    if (!conversations.has(message.conversationId) || message.direction !== 'out') return;
    if (!isVisible(message) || pushed.has(message.id)) return;
    pushed.add(message.id);
    send(socket, { type: 'message', message: toChatLine(message) });
  });

  let isOpen = true;
  const visitor = await visitorConnected(db, {
    accountId: channel.accountId,
    channelId: channel.id,
    visitorId,
    name,
    isVerified,
    origin: request.origin,
    now: deps.clock(),
  });
  let email = visitor.email ?? undefined;
  const heartbeat = setInterval(() => {
    void visitorSeen(db, channel.id, visitorId, deps.clock()).catch(() => undefined);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  socket.on('close', () => {
    isOpen = false;
    clearInterval(heartbeat);
    unsubscribe();
    void visitorDisconnected(db, channel.id, visitorId, deps.clock()).catch(() => undefined);
  });

  for (const id of await visitorConversationIds(db, channel, visitorId)) conversations.add(id);
  const history = await visitorHistory(db, channel.accountId, [...conversations]);
  for (const line of history) if (line.direction === 'out') pushed.add(line.id);
  agentsOnline = await isAnyAgentOnline(db, channel.accountId);
  if (!isOpen) return;
  send(socket, {
    type: 'session',
    visitorId,
    token: identity.token,
    isVerified,
    email: email ?? null,
    agentsOnline,
  });
  send(socket, { type: 'history', messages: history });

  const recent: number[] = [];
  socket.on('message', (data) => {
    void (async () => {
      let frame: Record<string, unknown>;
      try {
        const parsed = JSON.parse(String(data)) as unknown;
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
        frame = parsed as Record<string, unknown>;
      } catch {
        send(socket, { type: 'error', code: 'bad_frame', message: 'Frames are JSON objects with a type' });
        return;
      }
      if (frame.type === 'ping') {
        send(socket, { type: 'pong' });
        return;
      }
      if (frame.type === 'email') {
        const given = typeof frame.email === 'string' ? frame.email.trim().toLowerCase() : '';
        if (!EMAIL.test(given) || given.length > 320) {
          send(socket, {
            type: 'error',
            code: 'bad_email',
            message: 'That does not look like an email address',
          });
          return;
        }
        try {
          await attachVisitorEmail(db, {
            accountId: channel.accountId,
            channelId: channel.id,
            visitorId,
            email: given,
            name,
            now: deps.clock(),
          });
        } catch {
          send(socket, { type: 'error', code: 'not_stored', message: 'Not saved, please try again' });
          return;
        }
        email = given;
        send(socket, { type: 'email.saved', email: given });
        return;
      }
      if (frame.type !== 'message') {
        send(socket, {
          type: 'error',
          code: 'bad_frame',
          message: `Unknown frame type ${String(frame.type)}`,
        });
        return;
      }
      const clientMessageId = frame.clientMessageId;
      const text = typeof frame.text === 'string' ? frame.text.trim() : '';
      if (typeof clientMessageId !== 'string' || !new RegExp(CLIENT_MESSAGE_ID).test(clientMessageId)) {
        send(socket, {
          type: 'error',
          code: 'bad_message',
          message: 'clientMessageId must be 1-100 letters, digits, - or _',
        });
        return;
      }
      if (text === '' || [...text].length > MAX_CHAT_TEXT) {
        send(socket, {
          type: 'error',
          code: 'bad_message',
          clientMessageId,
          message: `A message needs 1 to ${MAX_CHAT_TEXT} characters`,
        });
        return;
      }
      const now = deps.clock();
      while (recent.length > 0 && (recent[0] ?? 0) <= now.getTime() - RATE_WINDOW_MS) recent.shift();
      if (recent.length >= RATE_MAX_MESSAGES) {
        send(socket, {
          type: 'error',
          code: 'rate_limited',
          clientMessageId,
          message: 'Too many messages, wait a moment',
        });
        return;
      }
      recent.push(now.getTime());
      const pageUrl = request.query.pageUrl?.slice(0, 2000);
      const delivery: WebchatDelivery = {
        kind: 'webchat',
        receivedAt: now.toISOString(),
        visitor: {
          id: visitorId,
          ...(name ? { name } : {}),
          ...(email ? { email } : {}),
          isVerified,
          ...(request.origin ? { origin: request.origin.slice(0, 500) } : {}),
          ...(pageUrl ? { pageUrl } : {}),
        },
        message: { clientId: clientMessageId, text },
      };
      try {
        const isNew = await deps.writer.store({
          accountId: channel.accountId,
          channelId: channel.id,
          provider: 'webchat',
          eventKey: chatExternalId(visitorId, clientMessageId),
          body: JSON.stringify(delivery),
        });
        if (isNew) {
          deps.metrics.eventsReceived.inc({ provider: 'webchat' });
          deps.onStored();
        } else deps.metrics.eventsDuplicate.inc({ provider: 'webchat' });
        // Acknowledged only now that it is stored; the widget resends anything unacknowledged.
        send(socket, { type: 'ack', clientMessageId, isDuplicate: !isNew });
      } catch {
        send(socket, {
          type: 'error',
          code: 'not_stored',
          clientMessageId,
          message: 'Not stored, please resend',
        });
      }
    })();
  });
}
