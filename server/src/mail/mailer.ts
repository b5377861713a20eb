import nodemailer, { type Transporter } from 'nodemailer';

export interface MailMessage {
  to: string | string[];
  subject: string;
  text: string;
  html?: string;
}

export interface MailResult {
  /** False when system mail is off (no SMTP_URL): nothing was sent. */
  isSent: boolean;
  messageId?: string;
}

export interface Mailer {
  readonly isEnabled: boolean;
  sendMail(message: MailMessage): Promise<MailResult>;
  close(): void;
}

export interface MailerOptions {
  /** smtp://user:pass@host:port or smtps://…; empty or undefined turns system mail off. */
  smtpUrl?: string | undefined;
  from: string;
  /** Called once at creation when mail is off, so operators see why no mail goes out. */
  onDisabled?: (message: string) => void;
  timeoutMs?: number;
}

/**
 * System mail (alerts, notices) over SMTP with nodemailer. Errors from the server reject the
 * promise: callers that need retries (alert deliveries) keep their own queue.
 */
export function createMailer(options: MailerOptions): Mailer {
  if (!options.smtpUrl) {
    options.onDisabled?.('system mail is off: SMTP_URL is not set, so email alerts are not sent');
    return {
      isEnabled: false,
      sendMail: async () => ({ isSent: false }),
      close: () => undefined,
    };
  }
  const url = new URL(options.smtpUrl);
  const timeout = options.timeoutMs ?? 15_000;
  const transport: Transporter = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
    // Plain smtp:// to a local relay or test sink may not offer TLS; STARTTLS is used when offered.
    ignoreTLS: url.searchParams.get('tls') === 'off',
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    isEnabled: true,
    async sendMail(message) {
      const info = await transport.sendMail({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
      });
      return { isSent: true, messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}
