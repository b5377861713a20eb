import type { WhatIf } from './what-if.ts';

function NumberField({
  label,
  value,
  onChange,
  min,
  max,
  step,
  suffix,
}: {
  label: string;
  value: number;
  onChange: (v: number) => void;
  min: number;
  max: number;
  step: number;
  suffix?: string;
}) {
  return (
    <label className="wfm-field">
      <span>{label}</span>
      <input
        type="number"
        value={value}
        min={min}
        max={max}
        step={step}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (Number.isFinite(v) && v >= min && v <= max) onChange(v);
        }}
      />
      {suffix ? <span className="small">{suffix}</span> : null}
    </label>
  );
}

/** Service level target, handle time, shrinkage, concurrency, patience: every change recomputes staffing. */
export function WhatIfControls({ value, onChange }: { value: WhatIf; onChange: (next: WhatIf) => void }) {
  const set = <K extends keyof WhatIf>(key: K, v: WhatIf[K]) => onChange({ ...value, [key]: v });
  return (
    <fieldset className="wfm-whatif">
      <legend>What if…</legend>
      <label className="wfm-field">
        <span>Work type</span>
        <select value={value.kind} onChange={(e) => set('kind', e.target.value as WhatIf['kind'])}>
          <option value="immediate">Immediate (chat, DMs)</option>
          <option value="deferred">Deferred (threads, email)</option>
        </select>
      </label>
      {value.kind === 'immediate' ? (
        <>
          <NumberField
            label="Service level"
            value={Math.round(value.serviceLevel * 100)}
            onChange={(v) => set('serviceLevel', v / 100)}
            min={1}
            max={99}
            step={1}
            suffix="%"
          />
          <NumberField
            label="answered within"
            value={value.answerSeconds}
            onChange={(v) => set('answerSeconds', v)}
            min={0}
            max={86_400}
            step={5}
            suffix="s"
          />
          <NumberField
            label="Concurrency"
            value={value.concurrency}
            onChange={(v) => set('concurrency', Math.round(v))}
            min={1}
            max={4}
            step={1}
            suffix="chats"
          />
          <label className="wfm-field">
            <span>Abandonment</span>
            <select
              value={value.patienceSeconds === null ? 'none' : String(value.patienceSeconds)}
              onChange={(e) =>
                set('patienceSeconds', e.target.value === 'none' ? null : Number(e.target.value))
              }
            >
              <option value="none">None (Erlang C)</option>
              <option value="60">Patience 1 min (Erlang A)</option>
              <option value="180">Patience 3 min (Erlang A)</option>
              <option value="600">Patience 10 min (Erlang A)</option>
            </select>
          </label>
        </>
      ) : (
        <NumberField
          label="Respond within"
          value={value.responseSeconds / 60}
          onChange={(v) => set('responseSeconds', v * 60)}
          min={5}
          max={1440}
          step={5}
          suffix="min"
        />
      )}
      <NumberField
        label="Handle time"
        value={value.handleSeconds}
        onChange={(v) => set('handleSeconds', v)}
        min={10}
        max={7200}
        step={10}
        suffix="s"
      />
      <NumberField
        label="Shrinkage"
        value={Math.round(value.shrinkage * 100)}
        onChange={(v) => set('shrinkage', v / 100)}
        min={0}
        max={80}
        step={1}
        suffix="%"
      />
    </fieldset>
  );
}
