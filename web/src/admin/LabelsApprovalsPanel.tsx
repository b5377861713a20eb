import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { type ApprovalSettings, deskApi, type Label, problemText } from '../api/desk.ts';
import { useDesk } from '../app/desk-context.tsx';
import { loadLabels } from '../conversation/ConversationTools.tsx';

/** The account's labels, and who needs a supervisor's approval before replies go out. */
export function LabelsApprovalsPanel() {
  const { users } = useDesk();
  const [labels, setLabels] = useState<Label[]>([]);
  const [settings, setSettings] = useState<ApprovalSettings | null>(null);
  const [flagged, setFlagged] = useState<Record<string, boolean>>({});
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => void loadLabels(true).then(setLabels), []);
  useEffect(reload, [reload]);
  useEffect(() => {
    void deskApi.approvalSettings().then((r) => {
      setSettings(r.settings);
      setFlagged(Object.fromEntries(r.flaggedUserIds.map((id) => [id, true])));
    });
  }, []);
  const fail = (e: unknown) => setError(problemText(e));

  const addLabel = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    try {
      await deskApi.createLabel(String(form.get('name')), String(form.get('color')));
      formElement.reset();
      setError(null);
      reload();
    } catch (failure) {
      fail(failure);
    }
  };
  const saveSettings = (next: ApprovalSettings) =>
    void deskApi.saveApprovalSettings(next).then((r) => setSettings(r.settings), fail);

  return (
    <section aria-labelledby="labels-title" className="panel">
      <h2 id="labels-title">Labels and approvals</h2>
      <ul className="labels">
        {labels.map((l) => (
          <li key={l.id} className="label-chip" style={{ borderColor: l.color }}>
            {l.name}
            <button
              type="button"
              className="link-button"
              aria-label={`Delete label ${l.name}`}
              onClick={() => void deskApi.deleteLabel(l.id).then(reload, fail)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={(event) => void addLabel(event)} className="inline-form">
        <label>
          <span>New label</span>
          <input name="name" required maxLength={60} />
        </label>
        <label>
          <span>Colour</span>
          <input name="color" type="color" defaultValue="#64748b" />
        </label>
        <button type="submit">Add label</button>
      </form>
      {settings ? (
        <fieldset>
          <legend>Reply approval</legend>
          <label className="inline">
            <input
              type="checkbox"
              checked={settings.requireForAgents}
              onChange={(e) => saveSettings({ ...settings, requireForAgents: e.target.checked })}
            />
            <span>Every agent's replies wait for a supervisor</span>
          </label>
          <label className="inline">
            <input
              type="checkbox"
              checked={settings.exemptPrivate}
              onChange={(e) => saveSettings({ ...settings, exemptPrivate: e.target.checked })}
            />
            <span>Private replies go out without approval</span>
          </label>
          <p className="small">Or mark individual members:</p>
          {users.map((u) => (
            <label key={u.id} className="inline">
              <input
                type="checkbox"
                checked={flagged[u.id] ?? false}
                onChange={(e) => {
                  const needsApproval = e.target.checked;
                  void deskApi
                    .setNeedsApproval(u.id, needsApproval)
                    .then(() => setFlagged((f) => ({ ...f, [u.id]: needsApproval })), fail);
                }}
              />
              <span>{u.name} needs approval</span>
            </label>
          ))}
        </fieldset>
      ) : null}
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
