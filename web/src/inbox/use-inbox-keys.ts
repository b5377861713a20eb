import { useEffect, useRef } from 'react';

export interface InboxKeyActions {
  move: (step: number) => void;
  open: () => void;
  resolve: () => void;
  assignToMe: () => void;
  reply: () => void;
  help: () => void;
}

/**
 * Single-key shortcuts, ignored while typing in a field (so `r` in a reply stays a letter) and
 * while a modal dialog is open. The dialog is read from the page, not from React state: its close
 * event arrives a task after Escape, and a key pressed in between must not be lost.
 */
export function useInboxKeys(actions: InboxKeyActions): void {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const a = latest.current;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (document.querySelector('dialog[open]')) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      const handlers: Record<string, () => void> = {
        j: () => a.move(1),
        k: () => a.move(-1),
        Enter: a.open,
        e: a.resolve,
        a: a.assignToMe,
        r: a.reply,
        '?': a.help,
      };
      const handler = handlers[event.key];
      // Enter on a focused button or link keeps its own meaning.
      if (!handler || (event.key === 'Enter' && target?.closest('button, a'))) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
