import type { NormalizedEvent } from '../adapter.ts';
import type { EntryContext } from './parse-messaging.ts';
import { epochToIso, expectShape, PayloadError } from './payload.ts';
import { Change, InstagramComment, InstagramMention } from './schemas.ts';

// Instagram `changes[]`: comments (and live comments) on the brand's media, and @mentions of the
// brand in other people's comments or captions.

/** Mentions carry only ids; the externalId encodes both so a reply can target /{ig-user-id}/mentions. */
export function mentionExternalId(mediaId: string, commentId?: string): string {
  return commentId ? `mention:${mediaId}:${commentId}` : `mention:${mediaId}`;
}

export function parseMentionExternalId(externalId: string): { mediaId: string; commentId?: string } | null {
  const match = /^mention:([^:]+)(?::([^:]+))?$/.exec(externalId);
  if (!match?.[1]) return null;
  return match[2] ? { mediaId: match[1], commentId: match[2] } : { mediaId: match[1] };
}

export function parseInstagramChange(
  raw: unknown,
  entry: EntryContext,
  igAccountId: string,
  where: string,
): NormalizedEvent[] {
  const change = expectShape(Change, raw, where);
  if (change.field !== 'comments' && change.field !== 'live_comments' && change.field !== 'mentions')
    return [];
  if (entry.time === undefined) throw new PayloadError(`${where}: entry has no time`);
  const occurredAt = epochToIso(entry.time, `${where}.time`);

  if (change.field === 'mentions') {
    const mention = expectShape(InstagramMention, change.value, `${where}.value`);
    const externalId = mentionExternalId(mention.media_id, mention.comment_id);
    return [
      {
        kind: 'message',
        eventKey: externalId,
        occurredAt,
        externalId,
        threadKey: mention.media_id,
        // The webhook names neither author nor text: the worker must fetch them
        // (GET /{ig-user-id}?fields=mentioned_comment.comment_id(...)) before showing the mention.
        author: { externalUserId: `unknown:${externalId}` },
        text: '',
        attachments: [],
        isPublic: true,
        isEcho: false,
        surface: 'mention',
        metadata: {
          needsHydration: true,
          mediaId: mention.media_id,
          ...(mention.comment_id ? { commentId: mention.comment_id } : {}),
        },
      },
    ];
  }

  const comment = expectShape(InstagramComment, change.value, `${where}.value`);
  const metadata: Record<string, unknown> = {};
  if (comment.media?.media_product_type) metadata.mediaProductType = comment.media.media_product_type;
  if (comment.media) metadata.mediaId = comment.media.id;
  if (change.field === 'live_comments') metadata.isLive = true;
  return [
    {
      kind: 'message',
      eventKey: `comment:${comment.id}`,
      occurredAt,
      externalId: comment.id,
      ...(comment.parent_id ? { replyToExternalId: comment.parent_id } : {}),
      ...(comment.media ? { threadKey: comment.media.id } : {}),
      author: {
        externalUserId: comment.from.id,
        ...(comment.from.username ? { handle: comment.from.username } : {}),
      },
      text: comment.text ?? '',
      attachments: [],
      isPublic: true,
      isEcho: comment.from.id === igAccountId,
      surface: 'comment',
      ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
    },
  ];
}
