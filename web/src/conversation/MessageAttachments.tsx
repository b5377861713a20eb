import type { MessageAttachment } from '../api/types.ts';
import { attachmentViews } from './attachment-rules.ts';
import './attachments.css';

/** A message's files: images as thumbnails, everything else as a link with its name and size. */
export function MessageAttachments({ attachments }: { attachments: MessageAttachment[] | undefined }) {
  const views = attachmentViews(attachments);
  if (views.length === 0) return null;
  return (
    <ul className="message-attachments" aria-label="Attachments">
      {views.map((view) => (
        <li key={view.key} className={`message-attachment kind-${view.kindLabel}`}>
          {view.isImage && view.href ? (
            <a href={view.href} target="_blank" rel="noopener noreferrer" title={view.name}>
              <img src={view.href} alt={view.name} loading="lazy" referrerPolicy="no-referrer" />
            </a>
          ) : view.href ? (
            <a href={view.href} target="_blank" rel="noopener noreferrer">
              {view.name}
            </a>
          ) : (
            <span title={view.note ?? 'The platform did not share a link to this file'}>{view.name}</span>
          )}
          <span className="attach-size">{[view.kindLabel, view.sizeLabel].filter(Boolean).join(' · ')}</span>
          {view.note ? (
            <span className="attach-size" title={view.note}>
              not saved in Parley
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
