import type { Conversation } from '../api/types.ts';
import { useNow } from '../ui/use-now.ts';
import { type WindowNotice, windowNotice } from './window-notice.ts';
import './reply-window.css';

/** The conversation's messaging window now, re-checked every 30 s so the countdown and the lock follow the clock. */
export function useReplyWindow(conversation: Conversation): WindowNotice | null {
  const now = useNow(30_000);
  return windowNotice(
    conversation.channel.provider,
    conversation.isPublic,
    conversation.lastCustomerMessageAt,
    new Date(now),
  );
}

export function WindowBanner({ notice }: { notice: WindowNotice }) {
  return (
    <p className={`window-notice window-${notice.tone}`} role="status" data-testid="window-notice">
      {notice.text}
    </p>
  );
}
