import type { NormalizedEvent } from '../adapter.ts';
import type { EntryContext } from './parse-messaging.ts';
import { epochToIso, expectShape, PayloadError, shortHash } from './payload.ts';
import { Change, FeedComment, FeedItem } from './schemas.ts';

// Facebook Page `feed` changes. Only comments are conversations for Parley; posts, reactions,
// shares and hide/unhide are ignored. Verbs: add → message, edited → edit, remove → delete.

export function parseFeedChange(
  raw: unknown,
  entry: EntryContext,
  pageId: string,
  where: string,
): NormalizedEvent[] {
  const change = expectShape(Change, raw, where);
  if (change.field !== 'feed') return [];
  const item = expectShape(FeedItem, change.value, `${where}.value`);
  if (item.item !== 'comment') return [];
  if (item.verb !== 'add' && item.verb !== 'edited' && item.verb !== 'remove') return [];

  const comment = expectShape(FeedComment, change.value, `${where}.value`);
  const occurredAt = epochToIso(comment.created_time, `${where}.value.created_time`);
  const commentId = comment.comment_id;

  if (comment.verb === 'remove') {
    return [{ kind: 'delete', eventKey: `comment:${commentId}:remove`, occurredAt, externalId: commentId }];
  }
  const text = comment.message ?? '';
  if (comment.verb === 'edited') {
    // Edits reuse the comment id; the delivery time and text tell one edit from the next.
    const editTime = entry.time ?? comment.created_time;
    return [
      {
        kind: 'edit',
        eventKey: `comment:${commentId}:edited:${editTime}:${shortHash(text)}`,
        occurredAt,
        externalId: commentId,
        text,
      },
    ];
  }
  if (!comment.from) throw new PayloadError(`${where}.value.from: a new comment has no author`);
  const isReplyToComment = comment.parent_id !== undefined && comment.parent_id !== comment.post_id;
  const attachments = [
    ...(comment.photo ? [{ kind: 'image' as const, url: comment.photo }] : []),
    ...(comment.video ? [{ kind: 'video' as const, url: comment.video }] : []),
  ];
  return [
    {
      kind: 'message',
      eventKey: `comment:${commentId}:add`,
      occurredAt,
      externalId: commentId,
      ...(isReplyToComment ? { replyToExternalId: comment.parent_id } : {}),
      threadKey: comment.post_id,
      author: {
        externalUserId: comment.from.id,
        ...(comment.from.name ? { displayName: comment.from.name } : {}),
      },
      text,
      attachments,
      isPublic: true,
      isEcho: comment.from.id === pageId,
      surface: 'comment',
      ...(comment.post?.permalink_url ? { permalink: comment.post.permalink_url } : {}),
      metadata: { postId: comment.post_id },
    },
  ];
}
