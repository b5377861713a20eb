export {
  buildEmailRequest,
  channelAddress,
  emailAdapter,
  interpretSmtpAnswer,
  outboundMessageId,
} from './adapter.ts';
export type { EmailDelivery } from './delivery.ts';
export { ImapPoller, type ImapPollerOptions, imapEventKey, type MailboxPollReport } from './imap-poller.ts';
export { type ImapSettings, imapSettingsOf } from './imap-settings.ts';
export { type ImapHealth, imapHealthOf } from './imap-state.ts';
export { MailRefused, messageIdsIn, parseMime } from './mime.ts';
export { visibleReplyText } from './quotes.ts';
export { mailboxOf, type SmtpIngress, type SmtpIngressOptions, startSmtpIngress } from './smtp-ingress.ts';
export { deliverBySmtp, smtpOptions } from './smtp-send.ts';
