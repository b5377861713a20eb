import { type Static, Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';

// One visitor message as stored by the web chat socket before it is acknowledged.

export const CLIENT_MESSAGE_ID = '^[A-Za-z0-9_-]{1,100}$';
export const MAX_CHAT_TEXT = 5000;

export const WebchatDeliverySchema = Type.Object({
  kind: Type.Literal('webchat'),
  receivedAt: Type.String({ minLength: 20, maxLength: 40 }),
  visitor: Type.Object({
    id: Type.String({ minLength: 1, maxLength: 210 }),
    name: Type.Optional(Type.String({ maxLength: 200 })),
    email: Type.Optional(Type.String({ maxLength: 320 })),
    isVerified: Type.Boolean(),
    origin: Type.Optional(Type.String({ maxLength: 500 })),
    pageUrl: Type.Optional(Type.String({ maxLength: 2000 })),
  }),
  message: Type.Object({
    clientId: Type.String({ pattern: CLIENT_MESSAGE_ID }),
    text: Type.String({ minLength: 1, maxLength: MAX_CHAT_TEXT }),
  }),
});

export type WebchatDelivery = Static<typeof WebchatDeliverySchema>;
export const WebchatDeliveryCheck = TypeCompiler.Compile(WebchatDeliverySchema);
