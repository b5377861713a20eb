import { useEffect, useRef } from 'react';

export interface InboxKeyActions {
  isEnabled: boolean;
  move: (step: number) => void;
  open: () => void;
  resolve: () => void;
  assignToMe: () => void;
  reply: () => void;
  help: () => void;
}

/** Single-key shortcuts, ignored while typing in a field (so `r` in a reply stays a letter). */
export function useInboxKeys(actions: InboxKeyActions): void {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const a = latest.current;
      if (!a.isEnabled || event.ctrlKey || event.metaKey || event.altKey) return;
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
