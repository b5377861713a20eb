import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import { problemText } from '../api/desk.ts';
import { type TemplateFields, templatesApi, type WhatsAppTemplate } from '../api/templates.ts';
import type { Channel } from '../api/types.ts';
import { FormFooter, RowActions } from './EditableParts.tsx';

/**
 * WhatsApp templates per WhatsApp channel: copy each one approved in WhatsApp Manager (name,
 * language, body with {{1}} placeholders) so agents can send it once the 24-hour window closed.
 */
export function WhatsAppTemplatesPanel() {
  const [channels, setChannels] = useState<Channel[]>([]);
  const [templates, setTemplates] = useState<WhatsAppTemplate[]>([]);
  const [editing, setEditing] = useState<WhatsAppTemplate | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    const whatsapp = (await api.channels()).items.filter((c) => c.provider === 'whatsapp');
    setChannels(whatsapp);
    const lists = await Promise.all(whatsapp.map((c) => templatesApi.list(c.id)));
    setTemplates(lists.flatMap((l) => l.items));
  }, []);
  useEffect(() => {
    void reload().catch((failure: unknown) => setError(problemText(failure)));
  }, [reload]);

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const fields: TemplateFields = {
      name: String(form.get('name')).trim(),
      language: String(form.get('language')).trim(),
      body: String(form.get('body')),
    };
    try {
      if (editing) await templatesApi.update(editing.id, fields);
      else await templatesApi.create(String(form.get('channelId')), fields);
      setError(null);
      setEditing(null);
      formElement.reset();
      await reload();
    } catch (failure) {
      setError(problemText(failure));
    }
  };

  const channelName = (id: string) => channels.find((c) => c.id === id)?.name ?? '';
  return (
    <section aria-labelledby="wa-templates-title" className="panel">
      <h2 id="wa-templates-title">WhatsApp templates</h2>
      {channels.length === 0 ? (
        <p className="small">Connect a WhatsApp channel first; its approved templates are listed here.</p>
      ) : (
        <>
          <table>
            <thead>
              <tr>
                <th scope="col">Channel</th>
                <th scope="col">Name</th>
                <th scope="col">Language</th>
                <th scope="col">Body</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {templates.map((t) => (
                <tr key={t.id}>
                  <td>{channelName(t.channelId)}</td>
                  <td>{t.name}</td>
                  <td>{t.language}</td>
                  <td className="canned-preview">{t.body}</td>
                  <td>
                    <RowActions
                      onEdit={() => setEditing(t)}
                      remove={() => templatesApi.remove(t.id)}
                      onRemoved={() => void reload()}
                      onError={setError}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <form
            key={editing?.id ?? 'new'}
            onSubmit={(event) => void save(event)}
            className="stacked-form"
            aria-label="WhatsApp template"
          >
            <h3>{editing ? `Edit ${editing.name} (${editing.language})` : 'Add an approved template'}</h3>
            {editing ? null : (
              <label>
                <span>WhatsApp channel</span>
                <select name="channelId" required>
                  {channels.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label>
              <span>Template name</span>
              <input
                name="name"
                required
                maxLength={512}
                defaultValue={editing?.name ?? ''}
                placeholder="order_update"
              />
            </label>
            <label>
              <span>Language</span>
              <input
                name="language"
                required
                maxLength={12}
                defaultValue={editing?.language ?? ''}
                placeholder="en_US"
              />
            </label>
            <label>
              <span>Body</span>
              <textarea
                name="body"
                required
                rows={3}
                maxLength={1024}
                defaultValue={editing?.body ?? ''}
                placeholder="Hi {{1}}, your order {{2}} has an update. Reply to this message to continue."
              />
            </label>
            <p className="small">
              Copy the text exactly as approved; {'{{1}}'}, {'{{2}}'}, … are the parameters agents fill in.
            </p>
            <FormFooter
              error={error}
              isEditing={editing !== null}
              saveLabel="Save template"
              addLabel="Add template"
              onCancel={() => setEditing(null)}
            />
          </form>
        </>
      )}
    </section>
  );
}
