import { useState } from 'react';
import { type Approval, deskApi, problemText } from '../api/desk.ts';
import { useDesk } from '../app/desk-context.tsx';
import { formatTime } from '../ui/format.ts';

/** A reply waiting for a supervisor (who can approve, edit or reject it here), or a rejected one. */
export function ApprovalEntry({ approval: a }: { approval: Approval }) {
  const { me } = useDesk();
  const [draft, setDraft] = useState(a.text);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const canReview = me.role !== 'agent' && a.status === 'pending';
  const act = (work: Promise<unknown>) =>
    work.then(
      () => setError(null),
      (e: unknown) => setError(problemText(e)),
    );
  return (
    <li className={`entry message out approval approval-${a.status}`} data-testid="approval-entry">
      <div className="entry-meta">
        <span className={`visibility-tag ${a.isPublic ? 'public' : 'private'}`}>
          {a.isPublic ? 'Public' : 'Private'}
        </span>
        {a.authorName ?? 'Agent'} · {formatTime(a.createdAt)}
        <span className={`delivery approval-state-${a.status}`} data-testid="approval-state">
          {a.status === 'pending' ? 'awaiting approval' : `rejected${a.reason ? `: ${a.reason}` : ''}`}
        </span>
      </div>
      {canReview ? (
        <div className="approval-review">
          {a.template ? (
            // WhatsApp approved the wording: a held template is approved or rejected as it is.
            <p className="entry-text">{a.text}</p>
          ) : (
            <label>
              <span className="visually-hidden">Reply text</span>
              <textarea value={draft} rows={2} onChange={(e) => setDraft(e.target.value)} />
            </label>
          )}
          <button
            type="button"
            className="small primary"
            onClick={() => void act(deskApi.approve(a.id, draft !== a.text ? draft : undefined))}
          >
            {draft !== a.text ? 'Approve edited' : 'Approve'}
          </button>
          <label>
            <span className="visually-hidden">Reason for rejecting</span>
            <input value={reason} placeholder="Reason" onChange={(e) => setReason(e.target.value)} />
          </label>
          <button
            type="button"
            className="small"
            disabled={!reason.trim()}
            onClick={() => void act(deskApi.reject(a.id, reason.trim()))}
          >
            Reject
          </button>
        </div>
      ) : (
        <p className="entry-text">{a.text}</p>
      )}
      {a.template ? (
        <p className="small" data-testid="approval-template">
          WhatsApp template {a.template.name} ({a.template.language})
        </p>
      ) : null}
      {a.attachmentIds.length > 0 ? (
        <p className="small" data-testid="approval-files">
          With {a.attachmentIds.length === 1 ? 'a file' : `${a.attachmentIds.length} files`}:{' '}
          {a.attachmentIds.map((id, i) => (
            <a key={id} href={`/api/v1/attachments/${id}/content`} target="_blank" rel="noreferrer">
              {`file ${i + 1}`}
              {i < a.attachmentIds.length - 1 ? ', ' : ''}
            </a>
          ))}
        </p>
      ) : null}
      {error ? <p className="error small">{error}</p> : null}
    </li>
  );
}
