import { useEffect, useRef } from 'react';

const SHORTCUTS: [string, string][] = [
  ['j / k', 'Next / previous conversation'],
  ['Enter', 'Open the selected conversation'],
  ['e', 'Resolve'],
  ['a', 'Assign to me'],
  ['r', 'Reply (focus the composer)'],
  ['?', 'This help'],
  ['Esc', 'Close this help'],
];

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="help" aria-labelledby="help-title" onClose={onClose}>
      <h2 id="help-title">Keyboard shortcuts</h2>
      <dl>
        {SHORTCUTS.map(([key, action]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{action}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="primary" onClick={() => dialog.current?.close()}>
        Close
      </button>
    </dialog>
  );
}
