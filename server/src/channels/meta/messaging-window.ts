// Meta's messaging windows as pure functions of the customer's last message time and a clock.
// No imports: the outbox (send-rules.ts) and the desk's composer (web/src/conversation) both use
// this file, so the warning an agent sees and the refusal the server gives cannot drift apart.

const HOUR_MS = 3_600_000;
export const STANDARD_WINDOW_HOURS = 24;
export const HUMAN_AGENT_WINDOW_HOURS = 7 * 24;

export type MessagingWindow =
  /** Free text goes out as a normal response until `closesAt`. */
  | { state: 'open'; closesAt: Date }
  /** Messenger / Instagram past 24 h: free text only with the HUMAN_AGENT tag, through `closesAt`. */
  | { state: 'human_agent'; closesAt: Date }
  /** WhatsApp past 24 h: only an approved template message. */
  | { state: 'template_only' }
  /** Nothing may be sent: the customer never wrote, or wrote more than 7 days ago. */
  | { state: 'closed'; reason: 'no_customer_message' | 'expired' }
  /** The channel has no messaging window for this reply (public posts, email, X, web chat…). */
  | { state: 'none' };

function lastMessageTime(lastCustomerMessageAt: string): number {
  const at = Date.parse(lastCustomerMessageAt);
  if (Number.isNaN(at)) throw new Error(`lastCustomerMessageAt is not a date: ${lastCustomerMessageAt}`);
  return at;
}

/** Send API DMs (Messenger, Instagram): a response before 24 h, the HUMAN_AGENT tag up to and including 7 days. */
export function dmWindow(lastCustomerMessageAt: string | undefined | null, now: Date): MessagingWindow {
  if (!lastCustomerMessageAt) return { state: 'closed', reason: 'no_customer_message' };
  const at = lastMessageTime(lastCustomerMessageAt);
  const hours = (now.getTime() - at) / HOUR_MS;
  if (hours < STANDARD_WINDOW_HOURS)
    return { state: 'open', closesAt: new Date(at + STANDARD_WINDOW_HOURS * HOUR_MS) };
  if (hours <= HUMAN_AGENT_WINDOW_HOURS) {
    return { state: 'human_agent', closesAt: new Date(at + HUMAN_AGENT_WINDOW_HOURS * HOUR_MS) };
  }
  return { state: 'closed', reason: 'expired' };
}

/** WhatsApp's customer-service window: free text before 24 h, afterwards (or never written) a template. */
export function whatsappWindow(lastCustomerMessageAt: string | undefined | null, now: Date): MessagingWindow {
  if (!lastCustomerMessageAt) return { state: 'template_only' };
  const at = lastMessageTime(lastCustomerMessageAt);
  return now.getTime() - at < STANDARD_WINDOW_HOURS * HOUR_MS
    ? { state: 'open', closesAt: new Date(at + STANDARD_WINDOW_HOURS * HOUR_MS) }
    : { state: 'template_only' };
}

/**
 * The window for an ordinary reply in a conversation, as the provider's adapter applies it:
 * private replies on Messenger, Instagram and Facebook go through the Send API; WhatsApp has its
 * own window; everything else has none.
 */
export function replyWindow(
  provider: string,
  isPublic: boolean,
  lastCustomerMessageAt: string | undefined | null,
  now: Date,
): MessagingWindow {
  if (provider === 'whatsapp') return whatsappWindow(lastCustomerMessageAt, now);
  if (!isPublic && (provider === 'messenger' || provider === 'instagram' || provider === 'facebook')) {
    return dmWindow(lastCustomerMessageAt, now);
  }
  return { state: 'none' };
}
