import nodemailer from 'nodemailer';
import type { ChannelContext, HttpRequestSpec, TransportAnswer } from '../adapter.ts';

// Sends a built reply through the channel's SMTP server and answers in HTTP terms for
// `interpretSend`: 200 accepted, 503 temporary (4xx SMTP), 400 refused (5xx SMTP).

interface MailJson {
  from: { name?: string; address: string };
  to: string;
  subject: string;
  text: string;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  attachments?: { filename: string; contentType: string; contentBase64: string }[];
}

function answer(status: number, body: Record<string, unknown>): TransportAnswer {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

function timeoutError(message: string): Error {
  const error = new Error(message);
  error.name = 'TimeoutError';
  return error;
}

/** SMTP settings of a channel (email, or web chat for its email fallback). */
export function smtpOptions(channel: ChannelContext) {
  const { smtpHost, smtpPort, smtpSecure, smtpUser, smtpRejectUnauthorized } = channel.settings;
  const port = Number(smtpPort ?? 587);
  return {
    host: String(smtpHost),
    port: Number.isInteger(port) && port > 0 ? port : 587,
    secure: smtpSecure === true,
    ...(typeof smtpUser === 'string' && smtpUser !== ''
      ? { auth: { user: smtpUser, pass: channel.secrets.accessToken ?? '' } }
      : {}),
    tls: { rejectUnauthorized: smtpRejectUnauthorized !== false },
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  };
}

export async function deliverBySmtp(
  request: HttpRequestSpec,
  channel: ChannelContext,
  signal: AbortSignal,
): Promise<TransportAnswer> {
  const mail = JSON.parse(request.body ?? '{}') as MailJson;
  const transport = nodemailer.createTransport(smtpOptions(channel));
  let hasSentData = false;
  const sending = transport
    .sendMail({
      from: mail.from.name ? { name: mail.from.name, address: mail.from.address } : mail.from.address,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId: mail.messageId,
      ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
      ...(mail.references ? { references: mail.references } : {}),
      ...(mail.attachments
        ? {
            attachments: mail.attachments.map((file) => ({
              filename: file.filename,
              contentType: file.contentType,
              content: Buffer.from(file.contentBase64, 'base64'),
            })),
          }
        : {}),
      headers: { 'Auto-Submitted': 'no', 'X-Parley-Message-Id': mail.messageId },
    })
    .then(
      (info) => {
        if (info.rejected.length > 0 && info.accepted.length === 0) {
          return answer(400, { error: `recipient refused: ${String(info.rejected[0])}` });
        }
        return answer(200, { messageId: mail.messageId, response: info.response });
      },
      (error: Error & { responseCode?: number; code?: string; command?: string }) => {
        hasSentData = error.command === 'DATA' || error.command === 'DATA_END' || hasSentData;
        const code = error.responseCode;
        if (code !== undefined && code >= 500) return answer(400, { error: error.message });
        if (code !== undefined && code >= 400) return answer(503, { error: error.message });
        // No SMTP answer: after the message body went out the outcome is unknown; before, nothing
        // was accepted and a retry is safe.
        if (error.code === 'ETIMEDOUT' && hasSentData) throw timeoutError(error.message);
        throw new Error(`SMTP ${error.code ?? 'error'}: ${error.message}`);
      },
    );
  try {
    return await new Promise<TransportAnswer>((resolve, reject) => {
      const onAbort = () => reject(timeoutError('No answer from the mail server in time'));
      if (signal.aborted) onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      sending.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  } finally {
    transport.close();
  }
}
