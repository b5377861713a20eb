// System mail: one small API (sendMail) over SMTP, configured by SMTP_URL and MAIL_FROM.
export {
  createMailer,
  type Mailer,
  type MailerOptions,
  type MailMessage,
  type MailResult,
} from './mailer.ts';
export { type ReceivedMail, startSmtpSink } from './smtp-sink.ts';
