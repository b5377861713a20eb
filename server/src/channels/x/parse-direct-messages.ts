import type { AuthorRef, MessageEvent } from '../adapter.ts';
import { epochToIso, expectShape, isRecord } from '../meta/payload.ts';
import { decodeXEntities, toAttachment } from './parse-tweets.ts';
import { DmEventHead, DmMessageCreate, DmUser } from './schemas.ts';

// `direct_message_events` (type message_create) with the `users` map for author details. DMs the
// brand sent (from Parley or elsewhere) come back with sender = for_user_id: isEcho.

export function parseDirectMessage(
  raw: unknown,
  users: Record<string, unknown>,
  brandUserId: string | undefined,
  where: string,
): MessageEvent | null {
  const head = expectShape(DmEventHead, raw, where);
  if (head.type !== 'message_create') return null;
  const create = expectShape(
    DmMessageCreate,
    (raw as Record<string, unknown>).message_create,
    `${where}.message_create`,
  );
  const senderId = create.sender_id;
  const recipientId = create.target.recipient_id;
  const isEcho = brandUserId !== undefined && senderId === brandUserId;
  const data = create.message_data;
  const media = data.attachment?.media;
  return {
    kind: 'message',
    eventKey: `dm:${head.id}`,
    occurredAt: epochToIso(head.created_timestamp, `${where}.created_timestamp`),
    externalId: head.id,
    threadKey: isEcho ? recipientId : senderId,
    author: authorFrom(senderId, users[senderId], `users.${senderId}`),
    text: decodeXEntities(data.text),
    attachments: media ? [toAttachment(media)] : [],
    isPublic: false,
    isEcho,
    surface: 'dm',
    ...(data.quick_reply_response?.metadata
      ? { metadata: { quickReplyPayload: data.quick_reply_response.metadata } }
      : {}),
  };
}

function authorFrom(userId: string, raw: unknown, where: string): AuthorRef {
  const author: AuthorRef = { externalUserId: userId };
  if (!isRecord(raw)) return author;
  const user = expectShape(DmUser, raw, where);
  if (user.screen_name) author.handle = user.screen_name;
  if (user.name) author.displayName = user.name;
  if (typeof user.followers_count === 'number') author.followerCount = user.followers_count;
  if (user.verified !== undefined) author.isVerified = user.verified;
  return author;
}
