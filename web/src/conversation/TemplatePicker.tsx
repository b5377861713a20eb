import { useEffect, useState } from 'react';
import { renderTemplateBody } from '../../../server/src/channels/templates/template-body.ts';
import { type Approval, problemText } from '../api/desk.ts';
import { templatesApi, type WhatsAppTemplate } from '../api/templates.ts';
import type { Conversation, Message } from '../api/types.ts';

// Outside WhatsApp's 24-hour window only an approved template may go out: pick one of the
// channel's templates (listed by an admin), fill its {{n}} parameters, check the preview, send.

export function TemplatePicker({
  conversation,
  onSent,
  onHeld,
}: {
  conversation: Conversation;
  onSent: (message: Message) => void;
  /** The template reply waits for a supervisor. */
  onHeld?: (approval: Approval) => void;
}) {
  const [templates, setTemplates] = useState<WhatsAppTemplate[] | null>(null);
  const [chosenId, setChosenId] = useState('');
  const [parameters, setParameters] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [isSending, setIsSending] = useState(false);
  const channelId = conversation.channel.id;

  useEffect(() => {
    let isCurrent = true;
    templatesApi
      .list(channelId)
      .then(({ items }) => {
        if (!isCurrent) return;
        setTemplates(items);
        setChosenId(items[0]?.id ?? '');
        setParameters(Array.from({ length: items[0]?.parameterCount ?? 0 }, () => ''));
      })
      .catch((failure) => isCurrent && setError(problemText(failure)));
    return () => {
      isCurrent = false;
    };
  }, [channelId]);

  if (templates === null) return error ? <p className="error small">{error}</p> : null;
  if (templates.length === 0) {
    return (
      <p className="small template-picker">
        No approved templates are listed for this WhatsApp number. An admin adds them under Admin → WhatsApp
        templates.
      </p>
    );
  }
  const chosen = templates.find((t) => t.id === chosenId);
  const isComplete = parameters.every((p) => p.trim() !== '');

  const choose = (id: string) => {
    const template = templates.find((t) => t.id === id);
    setChosenId(id);
    setParameters(Array.from({ length: template?.parameterCount ?? 0 }, () => ''));
    setError(null);
  };

  const send = async () => {
    if (!chosen || !isComplete) return;
    setIsSending(true);
    setError(null);
    try {
      const result = await templatesApi.send(conversation.id, chosen.id, parameters);
      if ('message' in result) onSent(result.message);
      else onHeld?.(result.approval);
      setParameters(parameters.map(() => ''));
    } catch (failure) {
      setError(problemText(failure));
    } finally {
      setIsSending(false);
    }
  };

  return (
    <form
      className="template-picker"
      aria-label="WhatsApp template"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <label>
        <span>Template</span>
        <select value={chosenId} onChange={(event) => choose(event.target.value)}>
          {templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name} ({t.language})
            </option>
          ))}
        </select>
      </label>
      {parameters.map((value, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: parameters are positional ({{1}}, {{2}}, …)
        <label key={index}>
          <span>{`Parameter {{${index + 1}}}`}</span>
          <input
            value={value}
            maxLength={1024}
            onChange={(event) =>
              setParameters(parameters.map((p, i) => (i === index ? event.target.value : p)))
            }
          />
        </label>
      ))}
      {chosen ? (
        <>
          <span className="small">Preview</span>
          <p className="template-preview" data-testid="template-preview">
            {renderTemplateBody(chosen.body, parameters)}
          </p>
        </>
      ) : null}
      {error ? (
        <p role="alert" className="error small">
          {error}
        </p>
      ) : null}
      <div>
        <button type="submit" className="primary" disabled={!chosen || !isComplete || isSending}>
          Send template
        </button>
      </div>
    </form>
  );
}
