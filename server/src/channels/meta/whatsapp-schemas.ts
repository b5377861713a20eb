import { Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';

// WhatsApp Cloud API `messages` field: value.contacts / value.messages / value.statuses.

const Id = Type.String({ minLength: 1 });
const Epoch = Type.Union([Type.String(), Type.Number()]);

export const WhatsAppValue = TypeCompiler.Compile(
  Type.Object({
    metadata: Type.Object({ phone_number_id: Id, display_phone_number: Type.Optional(Type.String()) }),
    contacts: Type.Optional(
      Type.Array(
        Type.Object({
          wa_id: Id,
          profile: Type.Optional(Type.Object({ name: Type.Optional(Type.String()) })),
        }),
      ),
    ),
    messages: Type.Optional(Type.Array(Type.Unknown())),
    statuses: Type.Optional(Type.Array(Type.Unknown())),
  }),
);

export const WhatsAppMessageBase = TypeCompiler.Compile(
  Type.Object({
    from: Id,
    id: Id,
    timestamp: Epoch,
    type: Type.String(),
    context: Type.Optional(
      Type.Object({ id: Type.Optional(Type.String()), forwarded: Type.Optional(Type.Boolean()) }),
    ),
  }),
);

export const WhatsAppText = TypeCompiler.Compile(Type.Object({ body: Type.String() }));

export const WhatsAppMedia = TypeCompiler.Compile(
  Type.Object({
    id: Id,
    mime_type: Type.Optional(Type.String()),
    caption: Type.Optional(Type.String()),
    filename: Type.Optional(Type.String()),
    sha256: Type.Optional(Type.String()),
  }),
);

export const WhatsAppLocation = TypeCompiler.Compile(
  Type.Object({
    latitude: Type.Number(),
    longitude: Type.Number(),
    name: Type.Optional(Type.String()),
    address: Type.Optional(Type.String()),
  }),
);

const Reply = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.Optional(Type.String()),
});

export const WhatsAppInteractive = TypeCompiler.Compile(
  Type.Object({
    type: Type.String(),
    button_reply: Type.Optional(Reply),
    list_reply: Type.Optional(Reply),
  }),
);

export const WhatsAppButton = TypeCompiler.Compile(
  Type.Object({ text: Type.String(), payload: Type.Optional(Type.String()) }),
);

export const WhatsAppStatus = TypeCompiler.Compile(
  Type.Object({
    id: Id,
    status: Type.String(),
    timestamp: Epoch,
    recipient_id: Type.Optional(Type.String()),
    biz_opaque_callback_data: Type.Optional(Type.String()),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          code: Type.Optional(Type.Number()),
          title: Type.Optional(Type.String()),
          message: Type.Optional(Type.String()),
          error_data: Type.Optional(Type.Object({ details: Type.Optional(Type.String()) })),
        }),
      ),
    ),
  }),
);
