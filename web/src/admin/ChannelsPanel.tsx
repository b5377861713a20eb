import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../api/client.ts';
import { useDesk } from '../app/desk-context.tsx';
import { providerLabel } from '../ui/format.ts';

export function ChannelsPanel() {
  const { channels, reloadDirectory } = useDesk();
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const callbackUrl = String(form.get('callbackUrl') ?? '').trim();
    try {
      await api.createChannel({
        provider: 'api',
        name: String(form.get('name')),
        settings: callbackUrl ? { callbackUrl } : {},
        secrets: { signingSecret: String(form.get('signingSecret')) },
      });
      formElement.reset();
      setError(null);
      reloadDirectory();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'Could not create the channel');
    }
  };

  return (
    <section aria-labelledby="channels-title" className="panel">
      <h2 id="channels-title">Channels</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Provider</th>
            <th scope="col">Secrets set</th>
            <th scope="col">Webhook URL</th>
          </tr>
        </thead>
        <tbody>
          {channels.map((ch) => (
            <tr key={ch.id}>
              <td>{ch.name}</td>
              <td>
                {providerLabel(ch.provider)}
                {ch.imap ? (
                  <div className={ch.imap.status === 'error' ? 'error' : undefined}>
                    Mailbox (IMAP):{' '}
                    {ch.imap.status === 'error'
                      ? `${ch.imap.lastError ?? 'failing'} (retrying)`
                      : ch.imap.status === 'ok'
                        ? 'polling'
                        : 'not polled yet'}
                  </div>
                ) : null}
              </td>
              <td>{ch.secretsSet.join(', ') || 'none'}</td>
              <td>
                <code className="webhook-url">{ch.webhookUrl}</code>{' '}
                <button
                  type="button"
                  className="small"
                  aria-label={`Copy the webhook URL of ${ch.name}`}
                  onClick={() =>
                    void navigator.clipboard.writeText(ch.webhookUrl).then(
                      () => setCopied(ch.id),
                      () => setCopied(null),
                    )
                  }
                >
                  {copied === ch.id ? 'Copied' : 'Copy'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="inline-form"
        onSubmit={(event) => void create(event)}
        aria-labelledby="new-channel-title"
      >
        <h3 id="new-channel-title">Connect an API channel</h3>
        <label>
          Name
          <input name="name" required maxLength={200} />
        </label>
        <label>
          Callback URL (replies are POSTed here)
          <input name="callbackUrl" type="url" placeholder="https://example.com/parley" />
        </label>
        <label>
          Signing secret (write-only, at least 8 characters)
          <input name="signingSecret" type="password" autoComplete="new-password" minLength={8} required />
        </label>
        <button type="submit" className="primary">
          Create channel
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
