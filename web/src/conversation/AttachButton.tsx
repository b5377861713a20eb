import { useId, useRef, useState } from 'react';
import { removeAttachment, uploadAttachment } from '../api/attachments.ts';
import { DeskApiError } from '../api/desk.ts';
import type { Conversation, UploadedAttachment } from '../api/types.ts';
import { attachmentProblem, attachmentSupport, formatSize } from './attachment-rules.ts';
import './attachments.css';

interface Uploading {
  key: number;
  name: string;
  sizeBytes: number;
  error?: string;
}

let uploadSerial = 0;

/**
 * Attach files to the reply: each is uploaded as soon as it is chosen, listed with its size and a
 * remove button, and its id goes with the reply. Disabled, with the reason, where the channel
 * takes no files.
 */
export function AttachButton({
  conversation,
  files,
  text,
  onChange,
  disabled = false,
}: {
  conversation: Conversation;
  files: UploadedAttachment[];
  /** The reply text, to warn when it cannot go with these files. */
  text: string;
  onChange: (update: (files: UploadedAttachment[]) => UploadedAttachment[]) => void;
  disabled?: boolean;
}) {
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const [uploading, setUploading] = useState<Uploading[]>([]);
  const support = attachmentSupport(conversation.channel.provider, conversation.isPublic);
  const inFlight = uploading.filter((u) => !u.error).length;
  const isFull = files.length + inFlight >= support.maxFiles;
  const isDisabled = disabled || !support.isSupported || isFull;
  const problem = attachmentProblem(conversation.channel.provider, conversation.isPublic, text, files);
  // The channel's rule is shown where it matters: always where files are off, else once one is attached.
  const note = !support.isSupported || files.length + uploading.length > 0 ? support.note : null;

  const choose = (chosen: FileList | null) => {
    const room = Math.max(0, support.maxFiles - files.length - inFlight);
    for (const file of Array.from(chosen ?? []).slice(0, room)) {
      uploadSerial += 1;
      const item: Uploading = { key: uploadSerial, name: file.name, sizeBytes: file.size };
      setUploading((list) => [...list, item]);
      uploadAttachment(conversation.id, file).then(
        (uploaded) => {
          setUploading((list) => list.filter((u) => u.key !== item.key));
          onChange((list) => [...list, uploaded]);
        },
        (failure: unknown) => {
          const error = failure instanceof DeskApiError ? failure.message : 'Network error';
          setUploading((list) => list.map((u) => (u.key === item.key ? { ...u, error } : u)));
        },
      );
    }
    if (input.current) input.current.value = '';
  };

  return (
    <div className="attach">
      <input
        ref={input}
        type="file"
        multiple={support.maxFiles > 1}
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(event) => choose(event.target.files)}
      />
      <button
        type="button"
        className="small attach-button"
        disabled={isDisabled}
        aria-describedby={note ? hintId : undefined}
        onClick={() => input.current?.click()}
      >
        Attach file
      </button>
      {note ? (
        <span id={hintId} className="attach-hint small">
          {note}
        </span>
      ) : null}
      {problem ? (
        <p className="warning small attach-problem" role="alert">
          {problem}
        </p>
      ) : null}
      {files.length > 0 || uploading.length > 0 ? (
        <ul className="attach-list" aria-label="Attached files">
          {files.map((file) => (
            <li key={file.id}>
              <span className="attach-name">{file.name}</span>
              <span className="attach-size">{formatSize(file.sizeBytes)}</span>
              <button
                type="button"
                className="small"
                aria-label={`Remove ${file.name}`}
                onClick={() => {
                  onChange((list) => list.filter((f) => f.id !== file.id));
                  void removeAttachment(file.id);
                }}
              >
                Remove
              </button>
            </li>
          ))}
          {uploading.map((item) => (
            <li key={`u${item.key}`} className={item.error ? 'attach-failed' : 'attach-uploading'}>
              <span className="attach-name">{item.name}</span>
              <span className="attach-size">{formatSize(item.sizeBytes)}</span>
              {item.error ? (
                <>
                  <span className="error small">{item.error}</span>
                  <button
                    type="button"
                    className="small"
                    aria-label={`Dismiss ${item.name}`}
                    onClick={() => setUploading((list) => list.filter((u) => u.key !== item.key))}
                  >
                    Dismiss
                  </button>
                </>
              ) : (
                <span className="small">uploading…</span>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
