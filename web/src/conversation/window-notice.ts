import { replyWindow } from '../../../server/src/channels/meta/messaging-window.ts';
import { formatTime } from '../ui/format.ts';

// What the composer says about the channel's messaging window. The window itself comes from the
// same pure module the server's Meta adapters apply when the outbox sends (messaging-window.ts).

export interface WindowNotice {
  tone: 'info' | 'warning' | 'blocked';
  text: string;
  /** A free-text reply would be accepted by the server now. */
  canSendText: boolean;
  /** Only an approved WhatsApp template can go out. */
  needsTemplate: boolean;
}

const MINUTE = 60_000;

/** "3 h 12 min", "45 min", "less than a minute". */
export function formatTimeLeft(ms: number): string {
  const minutes = Math.floor(ms / MINUTE);
  if (minutes < 1) return 'less than a minute';
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? `${hours} h ${minutes % 60} min` : `${minutes} min`;
}

function windowName(provider: string): string {
  if (provider === 'whatsapp') return 'WhatsApp';
  return provider === 'instagram' ? 'Instagram' : 'Messenger';
}

export function windowNotice(
  provider: string,
  isPublic: boolean,
  lastCustomerMessageAt: string | null,
  now: Date,
  formatAt: (iso: string) => string = formatTime,
): WindowNotice | null {
  const window = replyWindow(provider, isPublic, lastCustomerMessageAt, now);
  const name = windowName(provider);
  switch (window.state) {
    case 'none':
      return null;
    case 'open': {
      const left = window.closesAt.getTime() - now.getTime();
      return {
        tone: left < 60 * MINUTE ? 'warning' : 'info',
        text: `${name} window: ${formatTimeLeft(left)} left`,
        canSendText: true,
        needsTemplate: false,
      };
    }
    case 'human_agent':
      return {
        tone: 'warning',
        text: `Outside the 24-hour window — replies go with the HUMAN_AGENT tag, until ${formatAt(window.closesAt.toISOString())}`,
        canSendText: true,
        needsTemplate: false,
      };
    case 'template_only':
      return {
        tone: 'blocked',
        text: lastCustomerMessageAt
          ? 'Window closed: send a template. The customer last wrote more than 24 hours ago; WhatsApp then accepts only approved templates.'
          : 'Window closed: send a template. The customer has not written to this number; WhatsApp accepts only approved templates.',
        canSendText: false,
        needsTemplate: true,
      };
    case 'closed':
      return {
        tone: 'blocked',
        text:
          window.reason === 'expired'
            ? `Window closed: the customer last wrote more than 7 days ago. ${name} refuses replies until they write again.`
            : `Window closed: ${name} allows a reply only after the customer has written.`,
        canSendText: false,
        needsTemplate: false,
      };
  }
}
