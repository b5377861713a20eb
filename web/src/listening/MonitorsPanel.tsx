import { useEffect, useState } from 'react';
import { listeningApi, type Monitor, type QueryCheck } from './api.ts';

/** Monitors of the account; supervisors add and remove them. The query is checked as it is typed. */
export function MonitorsPanel({
  monitors,
  canEdit,
  onChanged,
}: {
  monitors: Monitor[];
  canEdit: boolean;
  onChanged: () => void;
}) {
  const [name, setName] = useState('');
  const [query, setQuery] = useState('');
  const [role, setRole] = useState<Monitor['role']>('brand');
  const [check, setCheck] = useState<QueryCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);

  useEffect(() => {
    if (!query.trim()) {
      setCheck(null);
      return;
    }
    const timer = setTimeout(() => {
      listeningApi.checkQuery(query).then(setCheck, () => setCheck(null));
    }, 250);
    return () => clearTimeout(timer);
  }, [query]);

  async function create() {
    try {
      const monitor = await listeningApi.createMonitor({ name, query, role });
      setSecret(monitor.alertWebhookSecret ?? null);
      setName('');
      setQuery('');
      setError(null);
      onChanged();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <section className="listening-monitors" aria-label="Monitors">
      <ul>
        {monitors.map((m) => (
          <li key={m.id}>
            <strong>{m.name}</strong> <span className="muted">({m.role})</span> <code>{m.query}</code>
            {m.autoCase ? <span className="badge">auto-case</span> : null}
            {canEdit ? (
              <button
                type="button"
                className="link"
                onClick={() => void listeningApi.deleteMonitor(m.id).then(onChanged)}
              >
                Delete
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {canEdit ? (
        <form
          className="monitor-form"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <label>
            Name
            <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
          </label>
          <label className="grow">
            Query
            <input
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              placeholder='orbly OR @orbly OR "orbly pay" -giveaway'
              aria-invalid={check?.ok === false}
              aria-describedby="query-check"
              required
            />
          </label>
          <label>
            Kind
            <select value={role} onChange={(e) => setRole(e.target.value as Monitor['role'])}>
              <option value="brand">Brand</option>
              <option value="competitor">Competitor</option>
              <option value="topic">Topic</option>
            </select>
          </label>
          <button type="submit" disabled={check?.ok === false}>
            Add monitor
          </button>
          <div id="query-check" className="query-check">
            {check?.ok === false && check.error ? (
              <>
                <pre aria-hidden="true">
                  {query}
                  {'\n'}
                  {' '.repeat(check.error.position)}^
                </pre>
                <span role="alert">{check.error.message}</span>
              </>
            ) : check?.ok ? (
              <span className="muted">Query is valid.</span>
            ) : null}
          </div>
          {error ? (
            <p role="alert" className="error">
              {error}
            </p>
          ) : null}
          {secret ? (
            <p>
              Alert webhooks are signed with: <code>{secret}</code> (shown once)
            </p>
          ) : null}
        </form>
      ) : null}
    </section>
  );
}
