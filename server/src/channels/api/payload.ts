import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { NormalizedEvent } from '../adapter.ts';

const Author = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 200 }),
  name: Type.Optional(Type.String({ maxLength: 200 })),
  handle: Type.Optional(Type.String({ maxLength: 200 })),
  email: Type.Optional(Type.String({ maxLength: 320 })),
  phone: Type.Optional(Type.String({ maxLength: 40 })),
  followerCount: Type.Optional(Type.Integer({ minimum: 0 })),
  isVerified: Type.Optional(Type.Boolean()),
});

const MessageEvent = Type.Object({
  type: Type.Literal('message'),
  id: Type.Optional(Type.String({ maxLength: 200 })),
  occurredAt: Type.Optional(Type.String({ maxLength: 40 })),
  author: Author,
  message: Type.Object({
    id: Type.String({ minLength: 1, maxLength: 200 }),
    text: Type.String({ maxLength: 100_000 }),
    replyTo: Type.Optional(Type.String({ maxLength: 200 })),
    isPublic: Type.Optional(Type.Boolean()),
    attachments: Type.Optional(
      Type.Array(
        Type.Object({
          url: Type.String(),
          mimeType: Type.Optional(Type.String()),
          name: Type.Optional(Type.String()),
        }),
      ),
    ),
  }),
});

const StatusEvent = Type.Object({
  type: Type.Literal('status'),
  id: Type.Optional(Type.String({ maxLength: 200 })),
  occurredAt: Type.Optional(Type.String({ maxLength: 40 })),
  messageId: Type.String({ minLength: 1 }),
  status: Type.Union([
    Type.Literal('sent'),
    Type.Literal('delivered'),
    Type.Literal('read'),
    Type.Literal('failed'),
  ]),
  error: Type.Optional(Type.String()),
});

const EditEvent = Type.Object({
  type: Type.Literal('edit'),
  id: Type.Optional(Type.String()),
  occurredAt: Type.Optional(Type.String({ maxLength: 40 })),
  messageId: Type.String({ minLength: 1 }),
  text: Type.String(),
});

const DeleteEvent = Type.Object({
  type: Type.Literal('delete'),
  id: Type.Optional(Type.String()),
  occurredAt: Type.Optional(Type.String({ maxLength: 40 })),
  messageId: Type.String({ minLength: 1 }),
});

export const ApiEvent = Type.Union([MessageEvent, StatusEvent, EditEvent, DeleteEvent]);
export const ApiDelivery = Type.Union([
  ApiEvent,
  Type.Object({ events: Type.Array(ApiEvent, { maxItems: 1000 }) }),
]);
type ApiEventT = Static<typeof ApiEvent>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function occurredAt(value: string | undefined): string {
  if (value && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
  return value === undefined
    ? new Date(0).toISOString()
    : fail(`occurredAt "${value}" is not an ISO 8601 date-time`);
}

function fail(message: string): never {
  throw new Error(message);
}

/** Validate and normalise an API channel delivery. Throws with every schema problem listed. */
export function parseApiDelivery(rawBody: Buffer): NormalizedEvent[] {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new Error('Body is not valid JSON');
  }
  if (!Value.Check(ApiDelivery, json)) {
    const problems = [...Value.Errors(ApiDelivery, json)]
      .slice(0, 5)
      .map((e) => `${e.path || '/'}: ${e.message}`);
    throw new Error(`Payload does not match the API channel schema: ${problems.join('; ')}`);
  }
  const events: ApiEventT[] = 'events' in json ? json.events : [json];
  return events.map(toNormalized);
}

function toNormalized(event: ApiEventT): NormalizedEvent {
  switch (event.type) {
    case 'message':
      return {
        kind: 'message',
        eventKey: event.id ?? `message:${event.message.id}`,
        occurredAt: occurredAt(event.occurredAt),
        externalId: event.message.id,
        ...(event.message.replyTo ? { replyToExternalId: event.message.replyTo } : {}),
        author: {
          externalUserId: event.author.id,
          ...(event.author.handle !== undefined ? { handle: event.author.handle } : {}),
          ...(event.author.name !== undefined ? { displayName: event.author.name } : {}),
          ...(event.author.followerCount !== undefined ? { followerCount: event.author.followerCount } : {}),
          ...(event.author.isVerified !== undefined ? { isVerified: event.author.isVerified } : {}),
          ...(event.author.email !== undefined ? { email: event.author.email } : {}),
          ...(event.author.phone !== undefined ? { phone: event.author.phone } : {}),
        },
        text: event.message.text,
        attachments: (event.message.attachments ?? []).map((a) => ({
          kind: 'file' as const,
          url: a.url,
          ...(a.mimeType ? { mimeType: a.mimeType } : {}),
          ...(a.name ? { name: a.name } : {}),
        })),
        isPublic: event.message.isPublic ?? false,
        isEcho: false,
        surface: event.message.isPublic ? 'post' : 'message',
      };
    case 'status':
      return {
        kind: 'status',
        eventKey: event.id ?? `status:${event.messageId}:${event.status}`,
        occurredAt: occurredAt(event.occurredAt),
        externalId: event.messageId,
        status: event.status,
        ...(event.error ? { error: event.error } : {}),
      };
    case 'edit':
      return {
        kind: 'edit',
        eventKey: event.id ?? `edit:${event.messageId}:${event.text.length}`,
        occurredAt: occurredAt(event.occurredAt),
        externalId: event.messageId,
        text: event.text,
      };
    case 'delete':
      return {
        kind: 'delete',
        eventKey: event.id ?? `delete:${event.messageId}`,
        occurredAt: occurredAt(event.occurredAt),
        externalId: event.messageId,
      };
  }
}
