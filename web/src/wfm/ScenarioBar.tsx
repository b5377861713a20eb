import { useEffect, useState } from 'react';
import { type Scenario, wfmApi } from './api.ts';
import { type WhatIf, whatIfFromSettings } from './what-if.ts';

/** Saved what-if scenarios of the account: load one, or save the current settings under a name. */
export function ScenarioBar({
  whatIf,
  onLoad,
  canSave,
}: {
  whatIf: WhatIf;
  onLoad: (w: WhatIf) => void;
  canSave: boolean;
}) {
  const [items, setItems] = useState<Scenario[]>([]);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    wfmApi.scenarios().then(
      (r) => setItems(r.items),
      () => setItems([]),
    );
  }, []);
  return (
    <div className="wfm-scenarios">
      <label className="wfm-field">
        <span>Scenario</span>
        <select
          value=""
          onChange={(e) => {
            const s = items.find((i) => i.id === e.target.value);
            if (s) onLoad(whatIfFromSettings(s.settings));
          }}
        >
          <option value="">Load saved…</option>
          {items.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      {canSave ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!name.trim()) return;
            wfmApi.saveScenario(name.trim(), { ...whatIf }).then(
              (saved) => {
                setItems((prev) =>
                  [...prev.filter((p) => p.id !== saved.id), saved].sort((a, b) =>
                    a.name.localeCompare(b.name),
                  ),
                );
                setName('');
                setError(null);
              },
              (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
            );
          }}
        >
          <input
            aria-label="Scenario name"
            placeholder="Name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={80}
          />
          <button type="submit">Save scenario</button>
        </form>
      ) : null}
      {error ? <span className="error">{error}</span> : null}
    </div>
  );
}
