import { useEffect, useState } from 'react';
import { deskApi, type Label, problemText } from '../api/desk.ts';
import type { Conversation } from '../api/types.ts';
import { useDesk } from '../app/desk-context.tsx';
import './desk-tools.css';
import { TransferForm } from './TransferForm.tsx';

let labelCache: Promise<Label[]> | null = null;
export function loadLabels(force = false): Promise<Label[]> {
  if (!labelCache || force) labelCache = deskApi.labels().then((r) => r.items);
  return labelCache;
}

/** Snooze presets, computed from the current time. */
export function snoozeOptions(now: Date): { label: string; until: Date }[] {
  const tomorrow = new Date(now);
  tomorrow.setDate(tomorrow.getDate() + 1);
  tomorrow.setHours(9, 0, 0, 0);
  return [
    { label: '1 hour', until: new Date(now.getTime() + 3_600_000) },
    { label: '4 hours', until: new Date(now.getTime() + 4 * 3_600_000) },
    { label: 'Tomorrow 9:00', until: tomorrow },
  ];
}

/** Labels, snooze and merge for the open conversation. */
export function ConversationTools({ conversation: c }: { conversation: Conversation }) {
  const { store } = useDesk();
  const [labels, setLabels] = useState<Label[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [mergeInto, setMergeInto] = useState('');
  useEffect(() => {
    void loadLabels().then(setLabels, () => undefined);
  }, []);
  const act = (work: Promise<unknown>) =>
    work.then(
      (result) => {
        setError(null);
        if (result && typeof result === 'object' && 'status' in result) store.upsert(result as Conversation);
      },
      (e: unknown) => setError(problemText(e)),
    );
  const own = c.labels ?? [];
  const addable = labels.filter((l) => !own.some((o) => o.id === l.id));
  const siblings = [...store.byId.values()].filter(
    (o) => o.contact.id === c.contact.id && o.id !== c.id && o.status !== 'closed',
  );
  const isDone = c.status === 'resolved' || c.status === 'closed';

  return (
    <div className="conversation-tools">
      <ul className="labels" aria-label="Labels">
        {own.map((l) => (
          <li key={l.id} className="label-chip" style={{ borderColor: l.color }}>
            {l.name}
            <button
              type="button"
              className="link-button"
              aria-label={`Remove label ${l.name}`}
              onClick={() => void act(deskApi.removeLabel(c.id, l.id))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {addable.length > 0 ? (
        <label>
          <span className="visually-hidden">Add label</span>
          <select
            name="add-label"
            value=""
            onChange={(event) => event.target.value && void act(deskApi.addLabel(c.id, event.target.value))}
          >
            <option value="">+ Label</option>
            {addable.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {!isDone && c.status !== 'snoozed' ? (
        <label>
          <span className="visually-hidden">Snooze</span>
          <select
            name="snooze"
            value=""
            onChange={(event) => {
              const option = snoozeOptions(new Date()).find((o) => o.label === event.target.value);
              if (option) void act(deskApi.snooze(c.id, option.until));
            }}
          >
            <option value="">Snooze…</option>
            {snoozeOptions(new Date()).map((o) => (
              <option key={o.label} value={o.label}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      ) : c.status === 'snoozed' && c.snoozedUntil ? (
        <span className="small">Snoozed until {new Date(c.snoozedUntil).toLocaleString()}</span>
      ) : null}
      {siblings.length > 0 && c.status !== 'closed' ? (
        <span className="merge">
          <label>
            <span className="visually-hidden">Merge into</span>
            <select
              name="merge-into"
              value={mergeInto}
              onChange={(event) => setMergeInto(event.target.value)}
            >
              <option value="">Merge into…</option>
              {siblings.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.channel.name}: {o.snippet.slice(0, 40)}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="small"
            disabled={!mergeInto}
            onClick={() => {
              if (window.confirm('Merge this conversation into the chosen one? Its messages move there.')) {
                void act(deskApi.merge(c.id, mergeInto));
              }
            }}
          >
            Merge
          </button>
        </span>
      ) : null}
      {isDone ? null : <TransferForm conversation={c} onDone={(updated) => store.upsert(updated)} />}
      {c.mergedIntoId ? (
        <a href={`/inbox/${c.mergedIntoId}`} className="small">
          Merged into another conversation
        </a>
      ) : null}
      {error ? (
        <p role="alert" className="error small">
          {error}
        </p>
      ) : null}
    </div>
  );
}
