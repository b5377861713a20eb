import { useCallback, useEffect, useState } from 'react';
import type { Conversation, Message } from '../api/types.ts';
import { navigate } from '../app/router.ts';

// "Continue in private" for public posts: one public reply inviting the customer to a DM (optional)
// and the private message itself (Meta private reply to the comment; X DM with a deep link), then
// the closing public reply once the private conversation is resolved.

interface PrivateLink {
  id: string;
  status: 'invited' | 'linked' | 'closed';
  publicConversationId: string;
  privateConversationId: string | null;
  privateConversationStatus: string | null;
  canClose: boolean;
}

const PROVIDERS = new Set(['facebook', 'instagram', 'x']);
const DEFAULT_INVITE = 'Sorry about this! We have sent you a private message so we can sort it out.';

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(`/api/v1${path}`, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
  if (!res.ok) throw new Error(json?.error?.message ?? res.statusText);
  return json as T;
}

export function ContinueInPrivate({
  conversation,
  onSent,
}: {
  conversation: Conversation;
  onSent: (message: Message) => void;
}) {
  const [links, setLinks] = useState<PrivateLink[]>([]);
  const [isOpen, setIsOpen] = useState(false);
  const [publicText, setPublicText] = useState(DEFAULT_INVITE);
  const [privateText, setPrivateText] = useState('');
  const [closingText, setClosingText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const load = useCallback(async () => {
    const { items } = await call<{ items: PrivateLink[] }>(
      'GET',
      `/conversations/${conversation.id}/private-links`,
    );
    setLinks(items);
  }, [conversation.id]);

  useEffect(() => {
    void load().catch(() => setLinks([]));
  }, [load]);

  const canStart = conversation.isPublic && PROVIDERS.has(conversation.channel.provider);
  const closable = links.find((l) => l.canClose && l.publicConversationId === conversation.id);
  const open = links.find((l) => l.status !== 'closed');
  if (!canStart && links.length === 0) return null;

  const run = async (work: () => Promise<void>) => {
    setIsBusy(true);
    setError(null);
    try {
      await work();
      await load();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <div className="continue-in-private">
      {open ? (
        <p className="small" aria-live="polite">
          {open.privateConversationId && open.privateConversationId !== conversation.id ? (
            <button
              type="button"
              className="link small"
              onClick={() =>
                navigate(
                  `/inbox/${open.publicConversationId === conversation.id ? open.privateConversationId : open.publicConversationId}`,
                )
              }
            >
              {open.publicConversationId === conversation.id ? 'Private conversation' : 'Public post'}
            </button>
          ) : (
            'Private thread'
          )}{' '}
          —{' '}
          {open.status === 'invited'
            ? 'waiting for the customer'
            : `private side ${open.privateConversationStatus ?? 'open'}`}
        </p>
      ) : null}
      {closable ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void run(async () => {
              const { message } = await call<{ message: Message }>(
                'POST',
                `/private-links/${closable.id}/close`,
                {
                  text: closingText.trim(),
                },
              );
              onSent(message);
              setClosingText('');
            });
          }}
        >
          <label className="small" htmlFor="closing-text">
            Resolved in private: closing public reply
          </label>
          <textarea
            id="closing-text"
            rows={2}
            value={closingText}
            onChange={(event) => setClosingText(event.target.value)}
          />
          <button type="submit" className="small primary" disabled={isBusy || !closingText.trim()}>
            Post closing reply
          </button>
        </form>
      ) : null}
      {canStart && !isOpen ? (
        <button type="button" className="small" onClick={() => setIsOpen(true)}>
          Continue in private
        </button>
      ) : null}
      {canStart && isOpen ? (
        <form
          aria-label="Continue in private"
          onSubmit={(event) => {
            event.preventDefault();
            void run(async () => {
              const body = {
                privateText: privateText.trim(),
                ...(publicText.trim() ? { publicText: publicText.trim() } : {}),
              };
              const result = await call<{ messages: Message[] }>(
                'POST',
                `/conversations/${conversation.id}/continue-in-private`,
                body,
              );
              for (const message of result.messages) onSent(message);
              setPrivateText('');
              setIsOpen(false);
            });
          }}
        >
          <label className="small" htmlFor="private-invite">
            Public reply (leave empty to answer only in private)
          </label>
          <textarea
            id="private-invite"
            rows={2}
            value={publicText}
            onChange={(e) => setPublicText(e.target.value)}
          />
          <label className="small" htmlFor="private-text">
            Private message
          </label>
          <textarea
            id="private-text"
            rows={3}
            value={privateText}
            onChange={(e) => setPrivateText(e.target.value)}
          />
          <button type="submit" className="small primary" disabled={isBusy || !privateText.trim()}>
            Send privately
          </button>
          <button type="button" className="small" onClick={() => setIsOpen(false)}>
            Cancel
          </button>
        </form>
      ) : null}
      {error ? (
        <p className="error small" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
