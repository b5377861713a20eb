import { Type } from '@sinclair/typebox';

const Role = Type.Union([Type.Literal('brand'), Type.Literal('competitor'), Type.Literal('topic')]);
const AutoCase = Type.Union([
  Type.Null(),
  Type.Object(
    {
      actionableNegative: Type.Optional(Type.Boolean()),
      minReach: Type.Optional(Type.Union([Type.Null(), Type.Number({ minimum: 0, maximum: 1 })])),
    },
    { additionalProperties: false },
  ),
]);
const Emails = Type.Array(Type.String({ format: 'email', maxLength: 254 }), { maxItems: 20 });
const WebhookUrl = Type.Union([Type.Null(), Type.String({ pattern: '^https?://', maxLength: 2000 })]);

export const MonitorBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    query: Type.String({ maxLength: 2000 }),
    role: Type.Optional(Role),
    isActive: Type.Optional(Type.Boolean()),
    autoCase: Type.Optional(AutoCase),
    alertEmails: Type.Optional(Emails),
    alertWebhookUrl: Type.Optional(WebhookUrl),
  },
  { additionalProperties: false },
);

export const MonitorPatch = Type.Partial(MonitorBody, { additionalProperties: false });

export const ValidateBody = Type.Object(
  { query: Type.String({ maxLength: 2000 }) },
  { additionalProperties: false },
);

export const MentionQuery = Type.Object(
  {
    monitorId: Type.Optional(Type.String({ maxLength: 64 })),
    sentiment: Type.Optional(
      Type.Union([Type.Literal('positive'), Type.Literal('neutral'), Type.Literal('negative')]),
    ),
    intent: Type.Optional(Type.String({ maxLength: 40 })),
    actionable: Type.Optional(Type.Boolean()),
    converted: Type.Optional(Type.Boolean()),
    minReach: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);

export const AlertQuery = Type.Object(
  {
    monitorId: Type.Optional(Type.String({ maxLength: 64 })),
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('resolved')])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);

export const TrendsQuerySchema = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    bucket: Type.Optional(
      Type.Union([Type.Literal('5m'), Type.Literal('15m'), Type.Literal('1h'), Type.Literal('1d')]),
    ),
    monitorId: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
