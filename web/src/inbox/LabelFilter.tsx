import { useEffect, useState } from 'react';
import type { Label } from '../api/desk.ts';
import { loadLabels } from '../conversation/ConversationTools.tsx';

/** Filter the queue by one of the account's labels. */
export function LabelFilter({
  value,
  onChange,
}: {
  value: string | null;
  onChange: (labelId: string | null) => void;
}) {
  const [labels, setLabels] = useState<Label[]>([]);
  useEffect(() => {
    void loadLabels().then(setLabels, () => undefined);
  }, []);
  if (labels.length === 0) return null;
  return (
    <label>
      <span>Label</span>
      <select name="label" value={value ?? ''} onChange={(event) => onChange(event.target.value || null)}>
        <option value="">Any</option>
        {labels.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}
