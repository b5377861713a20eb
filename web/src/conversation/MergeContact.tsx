import { useEffect, useState } from 'react';
import { type ContactMatch, contactsApi } from '../api/contacts.ts';
import { problemText } from '../api/desk.ts';
import type { Contact } from '../api/types.ts';
import './merge-contact.css';

// "Same person?" in the customer panel: search the account's contacts, confirm, and the other
// contact's identities, conversations and notes move to this one (POST /contacts/:id/merge).

function describe(match: ContactMatch): string {
  return [match.name ?? 'Unnamed contact', match.email, match.phone].filter(Boolean).join(' · ');
}

export function MergeContact({
  contact,
  onMerged,
}: {
  contact: Contact;
  onMerged: (merged: Contact) => void;
}) {
  const [isOpen, setIsOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<ContactMatch[]>([]);
  const [searchedFor, setSearchedFor] = useState('');
  const [chosen, setChosen] = useState<ContactMatch | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  useEffect(() => {
    const q = query.trim();
    if (!isOpen || q.length < 2) {
      setMatches([]);
      return;
    }
    let isCurrent = true;
    // Wait for a pause in typing before asking the server.
    const timer = setTimeout(() => {
      contactsApi
        .search(q)
        .then((items) => {
          if (!isCurrent) return;
          setMatches(items.filter((m) => m.id !== contact.id));
          setSearchedFor(q);
        })
        .catch((failure) => isCurrent && setError(problemText(failure)));
    }, 200);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [query, isOpen, contact.id]);

  const close = () => {
    setIsOpen(false);
    setQuery('');
    setChosen(null);
    setError(null);
  };

  const merge = async (other: ContactMatch) => {
    setIsBusy(true);
    setError(null);
    try {
      onMerged(await contactsApi.merge(contact.id, other.id));
      close();
    } catch (failure) {
      setError(problemText(failure));
    } finally {
      setIsBusy(false);
    }
  };

  if (!isOpen) {
    return (
      <button type="button" className="small" onClick={() => setIsOpen(true)}>
        Merge with another contact…
      </button>
    );
  }
  return (
    <section className="merge-contact" aria-label="Merge contacts">
      <label>
        <span>Find the same customer</span>
        <input
          type="search"
          value={query}
          placeholder="Name, email, phone or handle"
          onChange={(event) => {
            setQuery(event.target.value);
            setChosen(null);
          }}
        />
      </label>
      {chosen ? (
        <div role="alertdialog" aria-label="Confirm merge" className="conflict">
          <span className="warning small">
            Merge {describe(chosen)} into {contact.name ?? 'this customer'}? Their identities, conversations
            and notes move here. This cannot be undone.
          </span>
          <button
            type="button"
            className="small primary"
            disabled={isBusy}
            onClick={() => void merge(chosen)}
          >
            Merge
          </button>
          <button type="button" className="small" onClick={() => setChosen(null)}>
            Cancel
          </button>
        </div>
      ) : (
        <ul className="merge-matches" aria-label="Matching contacts">
          {matches.map((match) => (
            <li key={match.id}>
              <button type="button" className="small" onClick={() => setChosen(match)}>
                {describe(match)}
              </button>
            </li>
          ))}
          {searchedFor === query.trim() && searchedFor.length >= 2 && matches.length === 0 ? (
            <li className="small">No other contact matches.</li>
          ) : null}
        </ul>
      )}
      {error ? (
        <p role="alert" className="error small">
          {error}
        </p>
      ) : null}
      <button type="button" className="small" onClick={close}>
        Close
      </button>
    </section>
  );
}
