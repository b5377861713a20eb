import type { PresenceStatus } from '../api/routing.ts';
import './routing-row.css';

/** A small coloured dot with the presence written out for screen readers and on hover. */
export function PresenceDot({ status, name }: { status: PresenceStatus; name?: string }) {
  const text = name ? `${name} is ${status}` : status;
  return <span className={`presence-dot presence-${status}`} title={text} role="img" aria-label={text} />;
}
