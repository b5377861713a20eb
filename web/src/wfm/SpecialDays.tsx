import { useState } from 'react';

export interface SpecialDay {
  date: string;
  label: string;
  multiplier?: number;
}

/** Holidays and special days: excluded from fitting, flagged and scaled in the forecast. */
export function SpecialDays({
  value,
  onChange,
}: {
  value: SpecialDay[];
  onChange: (next: SpecialDay[]) => void;
}) {
  const [date, setDate] = useState('');
  const [label, setLabel] = useState('');
  const [multiplier, setMultiplier] = useState('1');
  return (
    <div className="wfm-special">
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          const m = Number(multiplier);
          if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !label.trim() || !Number.isFinite(m) || m < 0 || m > 10)
            return;
          onChange([...value.filter((d) => d.date !== date), { date, label: label.trim(), multiplier: m }]);
          setDate('');
          setLabel('');
          setMultiplier('1');
        }}
      >
        <span className="small">Special day</span>
        <input
          type="date"
          aria-label="Special day date"
          value={date}
          onChange={(e) => setDate(e.target.value)}
        />
        <input
          aria-label="Special day label"
          placeholder="e.g. Black Friday"
          value={label}
          maxLength={80}
          onChange={(e) => setLabel(e.target.value)}
        />
        <input
          type="number"
          aria-label="Volume multiplier"
          title="Volume multiplier on that day"
          value={multiplier}
          min={0}
          max={10}
          step={0.1}
          onChange={(e) => setMultiplier(e.target.value)}
        />
        <button type="submit">Add</button>
      </form>
      {value.length > 0 ? (
        <ul className="wfm-chips">
          {value.map((d) => (
            <li key={d.date}>
              {d.date} {d.label} ×{d.multiplier ?? 1}{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => onChange(value.filter((x) => x.date !== d.date))}
              >
                remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
