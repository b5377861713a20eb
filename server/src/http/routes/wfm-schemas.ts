import { Type } from '@sinclair/typebox';

// Request bodies of the WFM API. Sizes are bounded so one request cannot occupy the server for long.
const MAX_INTERVALS = 6 * 7 * 96; // six weeks at 15 minutes

export const IntervalMinutes = Type.Union([Type.Literal(15), Type.Literal(30), Type.Literal(60)]);

export const HistoryQuery = Type.Object(
  {
    interval: Type.Optional(IntervalMinutes),
    weeks: Type.Optional(Type.Integer({ minimum: 1, maximum: 26 })),
    measure: Type.Optional(Type.Union([Type.Literal('conversations'), Type.Literal('messages')])),
    secondsPerReply: Type.Optional(Type.Number({ minimum: 1, maximum: 3600 })),
  },
  { additionalProperties: false },
);

export const HistorySource = Type.Object(
  {
    source: Type.Union([Type.Literal('db'), Type.Literal('csv'), Type.Literal('sample')]),
    /** db: which provider's history (default all channels together). */
    provider: Type.Optional(Type.String({ maxLength: 40 })),
    measure: Type.Optional(Type.Union([Type.Literal('conversations'), Type.Literal('messages')])),
    weeks: Type.Optional(Type.Integer({ minimum: 3, maximum: 26 })),
    secondsPerReply: Type.Optional(Type.Number({ minimum: 1, maximum: 3600 })),
    /** csv: `timestamp,count` per interval, or one row per contact (`timestamp[,handle_seconds]`). */
    csv: Type.Optional(Type.String({ maxLength: 20_000_000 })),
    csvFormat: Type.Optional(Type.Union([Type.Literal('intervals'), Type.Literal('contacts')])),
    /** csv: the grain of the file's rows when finer than the forecast interval (e.g. 5). */
    csvIntervalMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
  },
  { additionalProperties: false },
);

export const SpecialDayBody = Type.Object(
  {
    date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    label: Type.String({ minLength: 1, maxLength: 80 }),
    multiplier: Type.Optional(Type.Number({ minimum: 0, maximum: 10 })),
  },
  { additionalProperties: false },
);

export const ForecastBody = Type.Object(
  {
    history: HistorySource,
    interval: Type.Optional(IntervalMinutes),
    horizonWeeks: Type.Optional(Type.Integer({ minimum: 1, maximum: 6 })),
    method: Type.Optional(
      Type.Union([
        Type.Literal('auto'),
        Type.Literal('seasonal_naive'),
        Type.Literal('profile_smoothing'),
        Type.Literal('double_seasonal_hw'),
      ]),
    ),
    specialDays: Type.Optional(Type.Array(SpecialDayBody, { maxItems: 100 })),
    levels: Type.Optional(
      Type.Array(Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }), { maxItems: 3 }),
    ),
  },
  { additionalProperties: false },
);

const Volumes = Type.Array(Type.Number({ minimum: 0, maximum: 1e6 }), {
  minItems: 1,
  maxItems: MAX_INTERVALS,
});
const Seconds = Type.Number({ exclusiveMinimum: 0, maximum: 86_400 });

export const StaffingChannel = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 60 }),
    kind: Type.Union([Type.Literal('immediate'), Type.Literal('deferred')]),
    volume: Volumes,
    handleSeconds: Seconds,
    /** immediate */
    serviceLevel: Type.Optional(Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 })),
    answerSeconds: Type.Optional(Type.Number({ minimum: 0, maximum: 86_400 })),
    maxOccupancy: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
    model: Type.Optional(Type.Union([Type.Literal('erlangC'), Type.Literal('erlangA')])),
    patienceSeconds: Type.Optional(Seconds),
    maxAbandonRate: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
    concurrency: Type.Optional(Type.Integer({ minimum: 1, maximum: 6 })),
    concurrencyFactors: Type.Optional(
      Type.Record(Type.String({ pattern: '^[1-6]$' }), Type.Number({ minimum: 0.1, maximum: 10 })),
    ),
    /** deferred */
    responseSeconds: Type.Optional(Seconds),
  },
  { additionalProperties: false },
);

export const StaffingBody = Type.Object(
  {
    interval: IntervalMinutes,
    shrinkage: Type.Number({ minimum: 0, maximum: 0.9 }),
    channels: Type.Array(StaffingChannel, { minItems: 1, maxItems: 10 }),
  },
  { additionalProperties: false },
);

export const BreakBody = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 40 }),
    minShiftHours: Type.Number({ minimum: 0, maximum: 12 }),
    durationMinutes: Type.Integer({ minimum: 5, maximum: 120 }),
    earliestStartMinutes: Type.Integer({ minimum: 0, maximum: 720 }),
    latestStartMinutes: Type.Integer({ minimum: 0, maximum: 720 }),
    isPaid: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const ScheduleBody = Type.Object(
  {
    interval: Type.Union([Type.Literal(30), Type.Literal(60)]),
    /** Agents to schedule per interval of one week (after shrinkage), 7 × intervals per day. */
    required: Type.Array(Type.Integer({ minimum: 0, maximum: 2000 }), { minItems: 168, maxItems: 336 }),
    startEveryMinutes: Type.Optional(Type.Union([Type.Literal(30), Type.Literal(60), Type.Literal(120)])),
    lengthsHours: Type.Optional(
      Type.Array(Type.Integer({ minimum: 4, maximum: 10 }), { minItems: 1, maxItems: 7 }),
    ),
    breaks: Type.Optional(Type.Array(BreakBody, { maxItems: 3 })),
    /** Consecutive working days per week (the rest off). */
    workDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 })),
    minStaff: Type.Optional(Type.Integer({ minimum: 0, maximum: 2000 })),
    maxStaff: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000 })),
    understaffPenalty: Type.Optional(Type.Number({ minimum: 0.1, maximum: 1000 })),
    timeLimitSeconds: Type.Optional(Type.Number({ minimum: 1, maximum: 30 })),
    /** Hand the tours to the account's members (agents first), no availability constraints. */
    assignMembers: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const SimulateBody = Type.Object(
  {
    interval: IntervalMinutes,
    expectedArrivals: Volumes,
    agents: Type.Array(Type.Number({ minimum: 0, maximum: 5000 }), { minItems: 1, maxItems: MAX_INTERVALS }),
    handleSeconds: Seconds,
    answerSeconds: Type.Number({ minimum: 0, maximum: 86_400 }),
    patienceSeconds: Type.Optional(Seconds),
    concurrency: Type.Optional(Type.Integer({ minimum: 1, maximum: 6 })),
    concurrencyFactors: Type.Optional(
      Type.Record(Type.String({ pattern: '^[1-6]$' }), Type.Number({ minimum: 0.1, maximum: 10 })),
    ),
    deadlineSeconds: Type.Optional(Seconds),
    replications: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31 })),
  },
  { additionalProperties: false },
);

export const ScenarioBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 80 }),
    settings: Type.Record(Type.String({ maxLength: 60 }), Type.Unknown(), { maxProperties: 50 }),
  },
  { additionalProperties: false },
);
