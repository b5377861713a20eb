import { problemText } from '../api/desk.ts';

// The two pieces every list-and-form admin panel repeats: a row's Edit/Delete buttons, and the
// form's error line with its Save/Add and Cancel buttons.

export function RowActions({
  onEdit,
  remove,
  onRemoved,
  onError,
}: {
  onEdit: () => void;
  /** Deletes the row on the server. */
  remove: () => Promise<unknown>;
  onRemoved: () => void;
  onError: (message: string) => void;
}) {
  return (
    <>
      <button type="button" className="small" onClick={onEdit}>
        Edit
      </button>
      <button
        type="button"
        className="small"
        onClick={() => void remove().then(onRemoved, (e: unknown) => onError(problemText(e)))}
      >
        Delete
      </button>
    </>
  );
}

export function FormFooter({
  error,
  isEditing,
  saveLabel,
  addLabel,
  onCancel,
}: {
  error: string | null;
  isEditing: boolean;
  saveLabel: string;
  addLabel: string;
  onCancel: () => void;
}) {
  return (
    <>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="primary">
        {isEditing ? saveLabel : addLabel}
      </button>
      {isEditing ? (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      ) : null}
    </>
  );
}
