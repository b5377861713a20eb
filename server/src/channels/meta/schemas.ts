import { Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';

// Shapes of the Meta webhook parts we read. Only the fields Parley uses are constrained; extra
// fields pass through so Meta adding fields never parks an event. Compiled once at load.

const Id = Type.String({ minLength: 1 });
const Epoch = Type.Union([Type.Number(), Type.String()]);
const Party = Type.Object({ id: Id });

export const MetaEnvelope = TypeCompiler.Compile(
  Type.Object({
    object: Type.String(),
    entry: Type.Array(
      Type.Object({
        id: Id,
        time: Type.Optional(Epoch),
        messaging: Type.Optional(Type.Array(Type.Unknown())),
        changes: Type.Optional(Type.Array(Type.Unknown())),
      }),
    ),
  }),
);

export const MessagingParties = TypeCompiler.Compile(
  Type.Object({ sender: Party, recipient: Party, timestamp: Type.Optional(Epoch) }),
);

const MessagingAttachment = Type.Object({
  type: Type.String(),
  payload: Type.Optional(
    Type.Union([
      Type.Null(),
      Type.Object({
        url: Type.Optional(Type.Union([Type.String(), Type.Null()])),
        title: Type.Optional(Type.String()),
        sticker_id: Type.Optional(Type.Union([Type.Number(), Type.String()])),
        coordinates: Type.Optional(Type.Object({ lat: Type.Number(), long: Type.Number() })),
      }),
    ]),
  ),
});

export const MessagingMessage = TypeCompiler.Compile(
  Type.Object({
    mid: Id,
    text: Type.Optional(Type.String()),
    is_echo: Type.Optional(Type.Boolean()),
    is_deleted: Type.Optional(Type.Boolean()),
    app_id: Type.Optional(Type.Union([Type.Number(), Type.String()])),
    metadata: Type.Optional(Type.String()),
    attachments: Type.Optional(Type.Array(MessagingAttachment)),
    quick_reply: Type.Optional(Type.Object({ payload: Type.String() })),
    reply_to: Type.Optional(Type.Object({ mid: Type.Optional(Type.String()) })),
  }),
);

export const MessagingDelivery = TypeCompiler.Compile(
  Type.Object({ mids: Type.Optional(Type.Array(Id)), watermark: Type.Optional(Epoch) }),
);

// Messenger reads carry a watermark; Instagram reads carry the mid that was seen.
export const MessagingRead = TypeCompiler.Compile(
  Type.Object({ watermark: Type.Optional(Epoch), mid: Type.Optional(Id) }),
);

export const MessagingEdit = TypeCompiler.Compile(
  Type.Object({
    mid: Id,
    text: Type.String(),
    num_edit: Type.Optional(Type.Union([Type.Number(), Type.String()])),
  }),
);

export const Change = TypeCompiler.Compile(Type.Object({ field: Type.String(), value: Type.Unknown() }));

export const FeedItem = TypeCompiler.Compile(
  Type.Object({ item: Type.Optional(Type.String()), verb: Type.Optional(Type.String()) }),
);

export const FeedComment = TypeCompiler.Compile(
  Type.Object({
    item: Type.Literal('comment'),
    verb: Type.String(),
    comment_id: Id,
    post_id: Id,
    parent_id: Type.Optional(Id),
    from: Type.Optional(Type.Object({ id: Id, name: Type.Optional(Type.String()) })),
    message: Type.Optional(Type.String()),
    created_time: Epoch,
    photo: Type.Optional(Type.String()),
    video: Type.Optional(Type.String()),
    post: Type.Optional(Type.Object({ permalink_url: Type.Optional(Type.String()) })),
  }),
);

export const InstagramComment = TypeCompiler.Compile(
  Type.Object({
    id: Id,
    text: Type.Optional(Type.String()),
    from: Type.Object({ id: Id, username: Type.Optional(Type.String()) }),
    media: Type.Optional(Type.Object({ id: Id, media_product_type: Type.Optional(Type.String()) })),
    parent_id: Type.Optional(Id),
  }),
);

export const InstagramMention = TypeCompiler.Compile(
  Type.Object({ media_id: Id, comment_id: Type.Optional(Id) }),
);
