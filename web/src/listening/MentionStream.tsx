import { useCallback, useEffect, useState } from 'react';
import { navigate } from '../app/router.ts';
import { listeningApi, type Mention, type MentionFilters, type Monitor } from './api.ts';

const INTENTS = [
  'order_status',
  'delivery',
  'refund_return',
  'billing_payment',
  'account_login',
  'cancellation',
  'technical_outage',
  'product_question',
  'complaint',
  'praise',
  'feedback',
  'other',
];

/** The mention stream with its filters; each mention can become a case in the source channel's inbox. */
export function MentionStream({ monitors, refreshKey }: { monitors: Monitor[]; refreshKey: number }) {
  const [filters, setFilters] = useState<MentionFilters>({});
  const [mentions, setMentions] = useState<Mention[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(
    (more: string | null) => {
      listeningApi
        .mentions({ ...filters, ...(more ? { cursor: more } : {}) })
        .then((page) => {
          setMentions((current) => (more ? [...current, ...page.mentions] : page.mentions));
          setCursor(page.nextCursor);
          setError(null);
        })
        .catch((e: Error) => setError(e.message));
    },
    [filters],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey reloads the first page on live changes
  useEffect(() => load(null), [load, refreshKey]);

  const set = (patch: Partial<MentionFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const monitorName = new Map(monitors.map((m) => [m.id, m.name]));

  async function createCase(mention: Mention) {
    setBusy(mention.id);
    try {
      const result = await listeningApi.createCase(mention.id);
      setMentions((list) =>
        list.map((m) => (m.id === mention.id ? { ...m, conversationId: result.conversationId } : m)),
      );
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="mention-stream" aria-label="Mention stream">
      <form className="mention-filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Monitor
          <select
            value={filters.monitorId ?? ''}
            onChange={(e) => set({ monitorId: e.target.value || undefined })}
          >
            <option value="">All</option>
            {monitors.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Sentiment
          <select
            value={filters.sentiment ?? ''}
            onChange={(e) => set({ sentiment: (e.target.value || undefined) as MentionFilters['sentiment'] })}
          >
            <option value="">Any</option>
            <option value="negative">Negative</option>
            <option value="neutral">Neutral</option>
            <option value="positive">Positive</option>
          </select>
        </label>
        <label>
          Intent
          <select value={filters.intent ?? ''} onChange={(e) => set({ intent: e.target.value || undefined })}>
            <option value="">Any</option>
            {INTENTS.map((i) => (
              <option key={i} value={i}>
                {i.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          <input
            type="checkbox"
            checked={filters.actionable === true}
            onChange={(e) => set({ actionable: e.target.checked ? true : undefined })}
          />
          Actionable only
        </label>
        <label>
          Min reach
          <input
            type="number"
            min={0}
            max={1}
            step={0.1}
            value={filters.minReach ?? ''}
            onChange={(e) => set({ minReach: e.target.value === '' ? undefined : Number(e.target.value) })}
          />
        </label>
        <label>
          Since
          <input
            type="datetime-local"
            value={filters.from ? filters.from.slice(0, 16) : ''}
            onChange={(e) =>
              set({ from: e.target.value ? new Date(e.target.value).toISOString() : undefined })
            }
          />
        </label>
      </form>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      <ul className="mentions">
        {mentions.map((m) => (
          <li key={m.id} className={`mention mention-${m.sentiment}`}>
            <div className="mention-head">
              {m.author.url ? (
                <a href={m.author.url} target="_blank" rel="noreferrer">
                  @{m.author.handle}
                </a>
              ) : (
                <span>{m.author.name ?? 'unknown author'}</span>
              )}
              <span className="muted">{m.author.followers?.toLocaleString() ?? '?'} followers</span>
              <time dateTime={m.postedAt}>{new Date(m.postedAt).toLocaleString()}</time>
              {m.permalink ? (
                <a href={m.permalink} target="_blank" rel="noreferrer">
                  View post
                </a>
              ) : null}
            </div>
            <p>{m.text}</p>
            <div className="mention-tags">
              <span className={`badge sentiment-${m.sentiment}`}>{m.sentiment}</span>
              <span className="badge">{m.intent.replaceAll('_', ' ')}</span>
              {m.isActionable ? <span className="badge">actionable</span> : null}
              <span className="badge">reach {m.reach.toFixed(2)}</span>
              <span className="badge">engagement {m.engagement}</span>
              {m.monitorIds.map((id) => (
                <span key={id} className="badge monitor">
                  {monitorName.get(id) ?? 'monitor'}
                </span>
              ))}
              {m.conversationId ? (
                <button type="button" onClick={() => navigate(`/inbox/${m.conversationId}`)}>
                  Open case
                </button>
              ) : (
                <button type="button" disabled={busy === m.id} onClick={() => void createCase(m)}>
                  Create case
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      {mentions.length === 0 && !error ? <p className="muted">No mentions match these filters.</p> : null}
      {cursor ? (
        <button type="button" onClick={() => load(cursor)}>
          Older mentions
        </button>
      ) : null}
    </section>
  );
}
