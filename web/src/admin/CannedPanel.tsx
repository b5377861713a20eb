import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { type CannedResponse, deskApi, problemText } from '../api/desk.ts';
import { loadCanned } from '../conversation/CannedPicker.tsx';
import { FormFooter, RowActions } from './EditableParts.tsx';

/** Canned responses: `/shortcut`, title and body with {{variables}}; shared or personal. */
export function CannedPanel() {
  const [items, setItems] = useState<CannedResponse[]>([]);
  const [variables, setVariables] = useState<string[]>([]);
  const [editing, setEditing] = useState<CannedResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(
    () =>
      void deskApi.canned().then((r) => {
        setItems(r.items);
        setVariables(r.variables);
        void loadCanned(true);
      }),
    [],
  );
  useEffect(reload, [reload]);

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const body = {
      shortcut: String(form.get('shortcut')).replace(/^\//, ''),
      title: String(form.get('title')),
      body: String(form.get('body')),
      isShared: form.get('isShared') === 'on',
    };
    try {
      if (editing) await deskApi.updateCanned(editing.id, body);
      else await deskApi.createCanned(body);
      setError(null);
      setEditing(null);
      formElement.reset();
      reload();
    } catch (failure) {
      setError(problemText(failure));
    }
  };

  return (
    <section aria-labelledby="canned-title" className="panel">
      <h2 id="canned-title">Canned responses</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Shortcut</th>
            <th scope="col">Title</th>
            <th scope="col">Text</th>
            <th scope="col">Shared</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id}>
              <td>/{c.shortcut}</td>
              <td>{c.title}</td>
              <td className="canned-preview">{c.body}</td>
              <td>{c.isShared ? 'shared' : 'personal'}</td>
              <td>
                <RowActions
                  onEdit={() => setEditing(c)}
                  remove={() => deskApi.deleteCanned(c.id)}
                  onRemoved={reload}
                  onError={setError}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form key={editing?.id ?? 'new'} onSubmit={(event) => void save(event)} className="stacked-form">
        <h3>{editing ? `Edit /${editing.shortcut}` : 'New canned response'}</h3>
        <label>
          <span>Shortcut</span>
          <input
            name="shortcut"
            required
            maxLength={40}
            defaultValue={editing?.shortcut ?? ''}
            placeholder="thanks"
          />
        </label>
        <label>
          <span>Title</span>
          <input name="title" required maxLength={200} defaultValue={editing?.title ?? ''} />
        </label>
        <label>
          <span>Text</span>
          <textarea
            name="body"
            required
            rows={3}
            defaultValue={editing?.body ?? ''}
            placeholder="Hi {{contact.first_name}}, thanks for reaching out. {{agent.first_name}}"
          />
        </label>
        <label className="inline">
          <input type="checkbox" name="isShared" defaultChecked={editing?.isShared ?? true} />
          <span>Shared with the whole account</span>
        </label>
        <p className="small">Variables: {variables.map((v) => `{{${v}}}`).join(' ')}</p>
        <FormFooter
          error={error}
          isEditing={editing !== null}
          saveLabel="Save"
          addLabel="Add response"
          onCancel={() => setEditing(null)}
        />
      </form>
    </section>
  );
}
