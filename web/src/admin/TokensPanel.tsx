import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { ApiError, api } from '../api/client.ts';
import type { ApiToken, Role } from '../api/types.ts';
import { formatTime } from '../ui/format.ts';

export function TokensPanel() {
  const [tokens, setTokens] = useState<ApiToken[]>([]);
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => void api.tokens().then((r) => setTokens(r.items)), []);
  useEffect(reload, [reload]);

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    try {
      const token = await api.createToken(String(form.get('name')), String(form.get('role')) as Role);
      setCreated(token.token);
      setError(null);
      formElement.reset();
      reload();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'Could not create the token');
    }
  };

  return (
    <section aria-labelledby="tokens-title" className="panel">
      <h2 id="tokens-title">API tokens</h2>
      {created ? (
        <p role="status" className="notice">
          New token (copy it now, it is not shown again): <code>{created}</code>
        </p>
      ) : null}
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => (
            <tr key={t.id}>
              <td>{t.name}</td>
              <td>{t.role}</td>
              <td>{formatTime(t.createdAt)}</td>
              <td>{t.lastUsedAt ? formatTime(t.lastUsedAt) : 'never'}</td>
              <td>
                {t.revokedAt ? (
                  'revoked'
                ) : (
                  <button
                    type="button"
                    className="small"
                    aria-label={`Revoke token ${t.name}`}
                    onClick={() => void api.revokeToken(t.id).then(reload)}
                  >
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="inline-form"
        onSubmit={(event) => void create(event)}
        aria-labelledby="new-token-title"
      >
        <h3 id="new-token-title">Create a token</h3>
        <label>
          Name
          <input name="name" required maxLength={200} />
        </label>
        <label>
          Role
          <select name="role" defaultValue="agent">
            <option value="agent">agent</option>
            <option value="supervisor">supervisor</option>
            <option value="admin">admin</option>
          </select>
        </label>
        <button type="submit" className="primary">
          Create token
        </button>
        {error ? (
          <p role="alert" className="error">
            {error}
          </p>
        ) : null}
      </form>
    </section>
  );
}
