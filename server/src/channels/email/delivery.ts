import { type Static, Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';

// What Parley stores for one received mail (SMTP or IMAP): the parsed parts the adapter reads and
// the raw message, kept as the original. MIME parsing is asynchronous, so it happens before the
// delivery is stored; the adapter's `parse` then only reads this JSON.

const Address = Type.Object({
  address: Type.String({ minLength: 3, maxLength: 320, pattern: '^[^\\s@]+@[^\\s@]+$' }),
  name: Type.Optional(Type.String({ maxLength: 500 })),
});
const MessageId = Type.String({ minLength: 3, maxLength: 998, pattern: '^<[^<>\\s]+>$' });

export const EmailDeliverySchema = Type.Object({
  kind: Type.Literal('email'),
  receivedAt: Type.String({ minLength: 20, maxLength: 40 }),
  envelope: Type.Object({
    mailFrom: Type.String({ maxLength: 320 }),
    rcptTo: Type.Array(Type.String({ maxLength: 320 }), { minItems: 1 }),
  }),
  message: Type.Object({
    messageId: MessageId,
    inReplyTo: Type.Optional(MessageId),
    references: Type.Array(MessageId),
    subject: Type.String({ maxLength: 2000 }),
    from: Address,
    to: Type.Array(Address),
    cc: Type.Array(Address),
    date: Type.Optional(Type.String()),
    /** The plain text (or the HTML part turned into text when there is no plain part). */
    text: Type.String(),
    hasHtml: Type.Boolean(),
    attachments: Type.Array(
      Type.Object({
        name: Type.Optional(Type.String({ maxLength: 500 })),
        mimeType: Type.String({ maxLength: 200 }),
        size: Type.Integer({ minimum: 0 }),
        contentId: Type.Optional(Type.String({ maxLength: 500 })),
      }),
    ),
    /** Out-of-office and other automatic replies (RFC 3834 Auto-Submitted, Precedence: auto_reply). */
    isAutoReply: Type.Boolean(),
    /** A delivery status notification that reports our mail as undeliverable. */
    bounce: Type.Optional(
      Type.Object({
        originalMessageIds: Type.Array(MessageId),
        status: Type.Optional(Type.String({ maxLength: 20 })),
        diagnostic: Type.String({ maxLength: 2000 }),
      }),
    ),
  }),
  /** The original message, base64. */
  raw: Type.Optional(Type.String()),
});

export type EmailDelivery = Static<typeof EmailDeliverySchema>;
export const EmailDeliveryCheck = TypeCompiler.Compile(EmailDeliverySchema);
