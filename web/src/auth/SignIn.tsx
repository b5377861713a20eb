import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../api/client.ts';
import type { Me } from '../api/types.ts';

export function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setIsBusy(true);
    setError(null);
    try {
      onSignedIn(await api.login(String(form.get('email')), String(form.get('password'))));
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'Could not reach the server');
      setIsBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <form onSubmit={(event) => void submit(event)} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to Parley</h1>
        <label>
          Email
          {/* biome-ignore lint/a11y/noAutofocus: the sign-in page has one task; start in its first field */}
          <input name="email" type="email" autoComplete="username" required autoFocus />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error ? (
          <p role="alert" className="error">
            {error}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={isBusy}>
          {isBusy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
