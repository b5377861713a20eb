import { useEffect, useState } from 'react';
import { useDesk } from '../app/desk-context.tsx';
import { navigate } from '../app/router.ts';

interface Notice {
  key: number;
  conversationId: string;
  ruleName: string;
  message: string;
}

let serial = 0;

/** Notifications from automation rules (`notify` action): shown for 15 s, click to open. */
export function RuleNotices() {
  const { stream } = useDesk();
  const [notices, setNotices] = useState<Notice[]>([]);
  useEffect(
    () =>
      stream.subscribe((event) => {
        if (event.type !== 'automation.notify') return;
        serial += 1;
        const notice = { key: serial, ...(event.payload as Omit<Notice, 'key'>) };
        setNotices((list) => [...list.slice(-4), notice]);
        setTimeout(() => setNotices((list) => list.filter((n) => n.key !== notice.key)), 15_000);
      }),
    [stream],
  );
  if (notices.length === 0) return null;
  return (
    <ul className="rule-notices" aria-live="polite" aria-label="Rule notifications">
      {notices.map((n) => (
        <li key={n.key}>
          <button
            type="button"
            className="link-button"
            onClick={() => navigate(`/inbox/${n.conversationId}`)}
          >
            {n.message}
          </button>{' '}
          <span className="small">({n.ruleName})</span>
        </li>
      ))}
    </ul>
  );
}
