import { type Static, Type } from '@sinclair/typebox';

// A rule: when (trigger), if (every condition), then (actions, in order). The TypeBox schemas
// validate API bodies at the edge; `validateRule` then checks what a schema cannot (regexes
// compile, referenced users, teams and labels belong to the account).

const Strings = Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 50 });

export const TriggerSchema = Type.Union([
  Type.Object({ type: Type.Literal('message_received') }),
  Type.Object({ type: Type.Literal('conversation_created') }),
  Type.Object({ type: Type.Literal('conversation_updated') }),
  Type.Object({ type: Type.Literal('conversation_resolved') }),
  Type.Object({
    type: Type.Literal('no_agent_reply'),
    minutes: Type.Integer({
      minimum: 1,
      maximum: 10_080,
      description: 'Customer waiting this long with no agent reply',
    }),
  }),
  Type.Object({ type: Type.Literal('sla_at_risk') }),
  Type.Object({
    type: Type.Literal('scheduled'),
    everyMinutes: Type.Integer({ minimum: 5, maximum: 10_080, description: 'Runs over open conversations' }),
  }),
]);

export const ConditionSchema = Type.Union([
  Type.Object({ type: Type.Literal('channel'), values: Strings }),
  Type.Object({
    type: Type.Literal('visibility'),
    value: Type.Union([Type.Literal('public'), Type.Literal('private')]),
  }),
  Type.Object({ type: Type.Literal('text_contains'), values: Strings }),
  Type.Object({ type: Type.Literal('text_matches'), pattern: Type.String({ minLength: 1, maxLength: 200 }) }),
  Type.Object({ type: Type.Literal('sentiment'), values: Strings }),
  Type.Object({ type: Type.Literal('intent'), values: Strings }),
  Type.Object({
    type: Type.Literal('priority'),
    values: Type.Array(
      Type.Union([Type.Literal('urgent'), Type.Literal('high'), Type.Literal('normal'), Type.Literal('low')]),
      { minItems: 1 },
    ),
  }),
  Type.Object({
    type: Type.Literal('follower_count'),
    min: Type.Optional(Type.Integer({ minimum: 0 })),
    max: Type.Optional(Type.Integer({ minimum: 0 })),
  }),
  Type.Object({ type: Type.Literal('language'), values: Strings }),
  Type.Object({ type: Type.Literal('vip'), value: Type.Boolean() }),
  Type.Object({
    type: Type.Literal('business_hours'),
    value: Type.Boolean({ description: 'true: inside business hours' }),
  }),
  Type.Object({ type: Type.Literal('label'), labelId: Type.String({ maxLength: 64 }) }),
]);

const Id = Type.String({ maxLength: 64 });

export const ActionSchema = Type.Union([
  Type.Object({ type: Type.Literal('assign_agent'), userId: Id }),
  Type.Object({ type: Type.Literal('assign_team'), teamId: Id }),
  Type.Object({
    type: Type.Literal('set_priority'),
    priority: Type.Union([
      Type.Literal('urgent'),
      Type.Literal('high'),
      Type.Literal('normal'),
      Type.Literal('low'),
    ]),
  }),
  Type.Object({ type: Type.Literal('add_label'), labelId: Id }),
  Type.Object({
    type: Type.Literal('send_acknowledgement'),
    text: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' }),
    allowPublic: Type.Optional(
      Type.Boolean({ description: 'Also answer in public threads (default: private only)' }),
    ),
  }),
  Type.Object({
    type: Type.Literal('suggest_private'),
    text: Type.Optional(Type.String({ maxLength: 500 })),
  }),
  Type.Object({ type: Type.Literal('snooze'), minutes: Type.Integer({ minimum: 1, maximum: 43_200 }) }),
  Type.Object({ type: Type.Literal('resolve_spam') }),
  Type.Object({ type: Type.Literal('notify'), message: Type.String({ minLength: 1, maxLength: 500 }) }),
  Type.Object({
    type: Type.Literal('webhook'),
    url: Type.String({ maxLength: 2000, pattern: '^https?://' }),
    secret: Type.String({
      minLength: 16,
      maxLength: 200,
      description: 'HMAC-SHA256 key for X-Parley-Signature',
    }),
  }),
]);

export const RuleBodySchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
  isEnabled: Type.Optional(Type.Boolean()),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  stopProcessing: Type.Optional(
    Type.Boolean({ description: 'Later rules do not run for the same event once this one fires' }),
  ),
  trigger: TriggerSchema,
  conditions: Type.Array(ConditionSchema, { maxItems: 30 }),
  actions: Type.Array(ActionSchema, { minItems: 1, maxItems: 20 }),
});

export type Trigger = Static<typeof TriggerSchema>;
export type TriggerType = Trigger['type'];
export type Condition = Static<typeof ConditionSchema>;
export type Action = Static<typeof ActionSchema>;
export type RuleBody = Static<typeof RuleBodySchema>;

export interface Rule {
  id: string;
  accountId: string;
  name: string;
  position: number;
  isEnabled: boolean;
  stopProcessing: boolean;
  trigger: Trigger;
  conditions: Condition[];
  actions: Action[];
  fireCount: number;
  lastFiredAt: string | null;
}

/** What conditions look at: the conversation now, and the message that triggered the rule if any. */
export interface Facts {
  conversationId: string;
  channelId: string;
  provider: string;
  isPublic: boolean;
  status: string;
  text: string;
  sentiment: string | null;
  intent: string | null;
  priority: string;
  followerCount: number | null;
  language: string | null;
  isVip: boolean;
  isWithinBusinessHours: boolean;
  labelIds: string[];
  assigneeId: string | null;
  teamId: string | null;
}
