import { createHash } from 'node:crypto';
import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import type { EmailDelivery } from './delivery.ts';
import { htmlToText } from './html-text.ts';

// Raw RFC 5322 mail → the stored delivery. Runs before the SMTP server answers 250, so a mail that
// cannot be understood is refused there with a clear reply and nothing is stored.

export class MailRefused extends Error {
  constructor(
    /** SMTP reply code: 5xx permanent (the sender gives up), 4xx temporary (it tries again). */
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

type Address = EmailDelivery['message']['from'];

function addressesOf(field: AddressObject | AddressObject[] | undefined): Address[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  const out: Address[] = [];
  const walk = (entries: AddressObject['value']) => {
    for (const entry of entries) {
      if (entry.group) walk(entry.group);
      else if (entry.address && /^[^\s@]+@[^\s@]+$/.test(entry.address) && entry.address.length <= 320) {
        out.push({
          address: entry.address.toLowerCase(),
          ...(entry.name ? { name: entry.name.slice(0, 500) } : {}),
        });
      }
    }
  };
  for (const object of objects) walk(object.value);
  return out;
}

/** Message-IDs in angle brackets, as they appear in In-Reply-To and References. */
export function messageIdsIn(value: string | string[] | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(' ') : (value ?? '');
  const found = joined.match(/<[^<>\s]+>/g) ?? [];
  if (found.length > 0) return found.filter((id) => id.length <= 998);
  // Some clients omit the brackets.
  return joined
    .split(/\s+/)
    .filter((part) => /^[^<>\s]+@[^<>\s]+$/.test(part) && part.length <= 996)
    .map((part) => `<${part}>`);
}

function isAutoReply(mail: ParsedMail): boolean {
  const autoSubmitted = String(mail.headers.get('auto-submitted') ?? '').toLowerCase();
  const precedence = String(mail.headers.get('precedence') ?? '').toLowerCase();
  return (
    (autoSubmitted !== '' && autoSubmitted !== 'no') ||
    ['auto_reply', 'bulk', 'junk'].includes(precedence) ||
    mail.headers.has('x-autoreply') ||
    mail.headers.has('x-autorespond')
  );
}

/** A delivery status notification (RFC 3464) that says our mail failed: which mail, and why. */
function bounceOf(mail: ParsedMail, raw: string): EmailDelivery['message']['bounce'] {
  const contentType = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> };
  const isReport =
    contentType?.value === 'multipart/report' && contentType.params?.['report-type'] === 'delivery-status';
  const sender = addressesOf(mail.from)[0]?.address ?? '';
  if (!isReport && !/^(mailer-daemon|postmaster)@/.test(sender)) return undefined;
  // mailparser may keep the report parts as attachments or as text: read both and the raw mail.
  const parts = [...mail.attachments.map((a) => a.content.toString('utf8')), mail.text ?? '', raw].join('\n');
  const status = parts.match(/^Status:\s*([245]\.\d{1,3}\.\d{1,3})/im)?.[1];
  const action = parts.match(/^Action:\s*(\w+)/im)?.[1]?.toLowerCase();
  if (action && action !== 'failed') return undefined; // "delayed", "delivered", "relayed"
  if (!action && status && !status.startsWith('5')) return undefined;
  const ids = [
    ...new Set(
      [...parts.matchAll(/^(?:Message-ID|Original-Message-ID):\s*(<[^<>\s]+>)/gim)]
        .map((m) => m[1] as string)
        .filter((id) => id !== mail.messageId),
    ),
  ];
  if (ids.length === 0) return undefined;
  const diagnostic =
    parts
      .match(/^Diagnostic-Code:\s*(?:smtp;\s*)?(.+(?:\n[ \t].+)*)/im)?.[1]
      ?.replace(/\s+/g, ' ')
      .trim() ??
    (mail.text ?? '').trim().split('\n')[0] ??
    'undeliverable';
  return {
    originalMessageIds: ids,
    ...(status ? { status } : {}),
    diagnostic: diagnostic.slice(0, 2000) || 'undeliverable',
  };
}

export async function parseMime(
  raw: Buffer,
  envelope: { mailFrom: string; rcptTo: string[] },
  receivedAt: Date,
): Promise<EmailDelivery> {
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, { skipHtmlToText: true, skipTextLinks: true, skipImageLinks: true });
  } catch (error) {
    throw new MailRefused(550, `5.6.0 The message could not be parsed: ${(error as Error).message}`);
  }
  const from = addressesOf(mail.from)[0];
  if (!from) throw new MailRefused(550, '5.6.0 The message has no valid From address');
  const digest = createHash('sha256').update(raw).digest('hex').slice(0, 32);
  const messageId = messageIdsIn(mail.messageId)[0] ?? `<generated.${digest}@parley.invalid>`;
  const references = messageIdsIn(mail.references);
  const inReplyTo = messageIdsIn(mail.inReplyTo)[0];
  const plain = mail.text?.trim() ? mail.text : undefined;
  const text = plain ?? (typeof mail.html === 'string' ? htmlToText(mail.html) : '');
  const bounce = bounceOf(mail, raw.toString('latin1'));
  return {
    kind: 'email',
    receivedAt: receivedAt.toISOString(),
    envelope: {
      mailFrom: envelope.mailFrom.slice(0, 320),
      rcptTo: envelope.rcptTo.map((r) => r.slice(0, 320)),
    },
    message: {
      messageId,
      ...(inReplyTo ? { inReplyTo } : {}),
      references,
      subject: (mail.subject ?? '').slice(0, 2000),
      from,
      to: addressesOf(mail.to),
      cc: addressesOf(mail.cc),
      ...(mail.date && !Number.isNaN(mail.date.getTime()) ? { date: mail.date.toISOString() } : {}),
      text,
      hasHtml: typeof mail.html === 'string' && mail.html !== '',
      attachments: mail.attachments
        .filter((a) => !['message/delivery-status', 'text/rfc822-headers'].includes(a.contentType))
        .map((a) => ({
          ...(a.filename ? { name: a.filename.slice(0, 500) } : {}),
          mimeType: a.contentType.slice(0, 200),
          size: a.size,
          ...(a.contentId ? { contentId: a.contentId.slice(0, 500) } : {}),
        })),
      isAutoReply: isAutoReply(mail),
      ...(bounce ? { bounce } : {}),
    },
    raw: raw.toString('base64'),
  };
}
