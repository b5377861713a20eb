import { api } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { useDesk, useStreamState } from './desk-context.tsx';
import { PresenceSelect } from './PresenceSelect.tsx';
import { navigate, usePath } from './router.ts';

const STREAM_LABEL = { connecting: 'Connecting…', live: 'Live', offline: 'Reconnecting…' } as const;

export function NavBar({
  onSwitched,
  onSignedOut,
}: {
  onSwitched: (me: Me) => void;
  onSignedOut: () => void;
}) {
  const { me, stream } = useDesk();
  const path = usePath();
  const streamState = useStreamState(stream);
  const links = [
    { path: '/inbox', label: 'Inbox', isShown: true },
    { path: '/wallboard', label: 'Wallboard', isShown: me.role !== 'agent' },
    { path: '/analytics', label: 'Analytics', isShown: me.role !== 'agent' },
    { path: '/workforce', label: 'Workforce', isShown: me.role !== 'agent' },
    { path: '/listening', label: 'Listening', isShown: true },
    { path: '/admin', label: 'Admin', isShown: me.role === 'admin' },
  ];
  return (
    <header className="navbar">
      <span className="brand">Parley</span>
      <nav aria-label="Main">
        {links
          .filter((link) => link.isShown)
          .map((link) => (
            <a
              key={link.path}
              href={link.path}
              aria-current={
                path.startsWith(link.path) || (link.path === '/inbox' && path === '/') ? 'page' : undefined
              }
              onClick={(event) => {
                event.preventDefault();
                navigate(link.path);
              }}
            >
              {link.label}
            </a>
          ))}
      </nav>
      <PresenceSelect />
      <span className={`stream-state stream-${streamState}`} role="status" aria-label="Live updates">
        {STREAM_LABEL[streamState]}
      </span>
      {me.accounts.length > 1 ? (
        <label className="account-switch">
          <span className="visually-hidden">Account</span>
          <select
            value={me.accountId}
            onChange={(event) => void api.switchAccount(event.target.value).then(onSwitched)}
          >
            {me.accounts.map((account) => (
              <option key={account.id} value={account.id}>
                {account.name} ({account.role})
              </option>
            ))}
          </select>
        </label>
      ) : (
        <span className="account-name">{me.accounts[0]?.name}</span>
      )}
      <span className="user-name">
        {me.user.name} · {me.role}
      </span>
      <button type="button" className="link-button" onClick={() => void api.logout().then(onSignedOut)}>
        Sign out
      </button>
    </header>
  );
}
