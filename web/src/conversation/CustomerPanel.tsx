import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import type { Contact } from '../api/types.ts';
import { navigate } from '../app/router.ts';
import { formatCount, formatTime, providerLabel } from '../ui/format.ts';
import { MergeContact } from './MergeContact.tsx';

export function CustomerPanel({ contactId, currentId }: { contactId: string; currentId: string }) {
  const [contact, setContact] = useState<Contact | null>(null);
  useEffect(() => {
    let isCurrent = true;
    void api.contact(contactId).then((loaded) => isCurrent && setContact(loaded));
    return () => {
      isCurrent = false;
    };
  }, [contactId]);

  if (!contact) return <aside className="customer-panel" aria-label="Customer" />;
  const past = contact.conversations.filter((c) => c.id !== currentId);
  return (
    <aside className="customer-panel" aria-label="Customer">
      <h3>
        {contact.name ?? 'Unknown customer'}
        {contact.isVip ? <span className="vip">VIP</span> : null}
      </h3>
      {contact.email ? <p className="small">{contact.email}</p> : null}
      {contact.phone ? <p className="small">{contact.phone}</p> : null}
      <h4>Identities</h4>
      <ul className="identities">
        {contact.identities.map((identity) => (
          <li key={identity.id}>
            <span className="channel-badge">{providerLabel(identity.provider)}</span>{' '}
            {identity.handle ? `@${identity.handle}` : (identity.displayName ?? identity.externalUserId)}
            {identity.isVerified ? ' ✓' : ''}
            {identity.followerCount !== null ? (
              <span className="small"> · {formatCount(identity.followerCount)} followers</span>
            ) : null}
          </li>
        ))}
      </ul>
      <MergeContact contact={contact} onMerged={setContact} />
      <h4>Past conversations ({past.length})</h4>
      <ul className="past">
        {past.map((c) => (
          <li key={c.id}>
            <a
              href={`/inbox/${c.id}`}
              onClick={(event) => {
                event.preventDefault();
                navigate(`/inbox/${c.id}`);
              }}
            >
              {c.snippet || '(no text)'}
            </a>
            <span className="small">
              {' '}
              · {c.status} · {formatTime(c.createdAt)}
            </span>
          </li>
        ))}
      </ul>
    </aside>
  );
}
