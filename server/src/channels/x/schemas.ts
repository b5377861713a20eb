import { Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';

// Account Activity payload parts Parley reads (v1.1 Tweet objects and DM events).

const Id = Type.String({ minLength: 1 });
const Epoch = Type.Union([Type.String(), Type.Number()]);
const Count = Type.Optional(Type.Union([Type.Number(), Type.Null()]));

const UserSchema = Type.Object({
  id_str: Id,
  screen_name: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  followers_count: Count,
  verified: Type.Optional(Type.Boolean()),
});

const MediaSchema = Type.Object({
  type: Type.String(),
  media_url_https: Type.Optional(Type.String()),
  video_info: Type.Optional(
    Type.Object({
      variants: Type.Optional(
        Type.Array(
          Type.Object({
            url: Type.String(),
            content_type: Type.Optional(Type.String()),
            bitrate: Type.Optional(Type.Number()),
          }),
        ),
      ),
    }),
  ),
});

const EntitiesSchema = Type.Optional(Type.Object({ media: Type.Optional(Type.Array(MediaSchema)) }));
const ExtendedSchema = Type.Optional(
  Type.Object({ full_text: Type.String(), extended_entities: EntitiesSchema }),
);

export const XEnvelope = TypeCompiler.Compile(
  Type.Object({
    for_user_id: Type.Optional(Id),
    tweet_create_events: Type.Optional(Type.Array(Type.Unknown())),
    tweet_delete_events: Type.Optional(Type.Array(Type.Unknown())),
    direct_message_events: Type.Optional(Type.Array(Type.Unknown())),
    users: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  }),
);

export const Tweet = TypeCompiler.Compile(
  Type.Object({
    id_str: Id,
    text: Type.Optional(Type.String()),
    full_text: Type.Optional(Type.String()),
    truncated: Type.Optional(Type.Boolean()),
    extended_tweet: ExtendedSchema,
    extended_entities: EntitiesSchema,
    created_at: Type.Optional(Type.String()),
    timestamp_ms: Type.Optional(Epoch),
    user: UserSchema,
    in_reply_to_status_id_str: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    quoted_status_id_str: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    quoted_status: Type.Optional(
      Type.Object({ id_str: Id, text: Type.Optional(Type.String()), extended_tweet: ExtendedSchema }),
    ),
    retweeted_status: Type.Optional(Type.Object({ id_str: Id, user: Type.Optional(UserSchema) })),
    reply_count: Count,
    retweet_count: Count,
    favorite_count: Count,
    quote_count: Count,
  }),
);

export const TweetDelete = TypeCompiler.Compile(
  Type.Object({
    status: Type.Object({ id: Id, user_id: Type.Optional(Type.String()) }),
    timestamp_ms: Epoch,
  }),
);

export const DmEventHead = TypeCompiler.Compile(
  Type.Object({ type: Type.String(), id: Id, created_timestamp: Epoch }),
);

export const DmMessageCreate = TypeCompiler.Compile(
  Type.Object({
    target: Type.Object({ recipient_id: Id }),
    sender_id: Id,
    message_data: Type.Object({
      text: Type.String(),
      attachment: Type.Optional(Type.Object({ type: Type.String(), media: Type.Optional(MediaSchema) })),
      quick_reply_response: Type.Optional(Type.Object({ metadata: Type.Optional(Type.String()) })),
    }),
  }),
);

export const DmUser = TypeCompiler.Compile(
  Type.Object({
    id: Type.Optional(Type.String()),
    screen_name: Type.Optional(Type.String()),
    name: Type.Optional(Type.String()),
    followers_count: Count,
    verified: Type.Optional(Type.Boolean()),
  }),
);

export type MediaShape = typeof MediaSchema.static;
