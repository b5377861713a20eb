import { useState } from 'react';
import { ApiError } from '../api/client.ts';
import { type FieldProblem, RoutingApiError } from '../api/routing.ts';
import './routing-admin.css';

export interface SaveResult {
  isError: boolean;
  text: string;
  problems: FieldProblem[];
}

/**
 * Run a save and keep its outcome for display next to the form: the server's message and each
 * field it rejected (validation_failed details), or a short confirmation.
 */
export function useSave(): [
  SaveResult | null,
  (action: () => Promise<unknown>, done: string) => Promise<boolean>,
  boolean,
] {
  const [result, setResult] = useState<SaveResult | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const run = async (action: () => Promise<unknown>, done: string) => {
    setIsSaving(true);
    try {
      await action();
      setResult({ isError: false, text: done, problems: [] });
      return true;
    } catch (failure) {
      setResult({
        isError: true,
        text: failure instanceof ApiError ? failure.message : 'Could not save',
        problems: failure instanceof RoutingApiError ? failure.problems : [],
      });
      return false;
    } finally {
      setIsSaving(false);
    }
  };
  return [result, run, isSaving];
}

// Problems the server reports about the whole calendar or policy rather than one field.
const WHOLE_FORM = new Set(['calendar', 'policy']);

/** The outcome of a save: a status line, or an alert listing every problem the server found. */
export function SaveMessage({ result }: { result: SaveResult | null }) {
  if (!result) return null;
  if (!result.isError)
    return (
      <p role="status" className="notice">
        {result.text}
      </p>
    );
  return (
    <div role="alert" className="error form-problems">
      <p>{result.text}</p>
      {result.problems.length > 0 ? (
        <ul>
          {result.problems.map((p) => (
            <li key={`${p.field}:${p.message}`}>
              {WHOLE_FORM.has(p.field) ? null : <code>{p.field}</code>} {p.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Minutes in a number input ⇄ milliseconds on the wire; blank means "not set" (null). */
export function msToMinutesText(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '' : String(Math.round((ms / 60_000) * 100) / 100);
}

export function minutesTextToMs(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const minutes = Number(trimmed);
  return Number.isFinite(minutes) ? Math.round(minutes * 60_000) : Number.NaN;
}
