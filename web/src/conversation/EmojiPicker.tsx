import { type KeyboardEvent, type RefObject, useEffect, useId, useRef, useState } from 'react';
import { insertAtCaret } from './insert-at-caret.ts';
import './emoji-picker.css';

/** Emoji an agent reaches for in customer care, with the names screen readers announce. */
export const CARE_EMOJI: readonly { emoji: string; name: string }[] = [
  { emoji: '🙂', name: 'slightly smiling face' },
  { emoji: '😊', name: 'smiling face with smiling eyes' },
  { emoji: '😀', name: 'grinning face' },
  { emoji: '😄', name: 'grinning face with smiling eyes' },
  { emoji: '😉', name: 'winking face' },
  { emoji: '😅', name: 'grinning face with sweat' },
  { emoji: '🤔', name: 'thinking face' },
  { emoji: '😔', name: 'pensive face' },
  { emoji: '😢', name: 'crying face' },
  { emoji: '😟', name: 'worried face' },
  { emoji: '🙏', name: 'folded hands' },
  { emoji: '👍', name: 'thumbs up' },
  { emoji: '👌', name: 'OK hand' },
  { emoji: '👋', name: 'waving hand' },
  { emoji: '🙌', name: 'raising hands' },
  { emoji: '👏', name: 'clapping hands' },
  { emoji: '🤝', name: 'handshake' },
  { emoji: '💪', name: 'flexed biceps' },
  { emoji: '👀', name: 'eyes' },
  { emoji: '❤️', name: 'red heart' },
  { emoji: '💙', name: 'blue heart' },
  { emoji: '⭐', name: 'star' },
  { emoji: '✨', name: 'sparkles' },
  { emoji: '🎉', name: 'party popper' },
  { emoji: '🎁', name: 'wrapped gift' },
  { emoji: '✅', name: 'check mark button' },
  { emoji: '❌', name: 'cross mark' },
  { emoji: '⚠️', name: 'warning' },
  { emoji: 'ℹ️', name: 'information' },
  { emoji: '⏳', name: 'hourglass not done' },
  { emoji: '🕐', name: 'one o’clock' },
  { emoji: '📦', name: 'package' },
  { emoji: '🚚', name: 'delivery truck' },
  { emoji: '🛒', name: 'shopping cart' },
  { emoji: '💳', name: 'credit card' },
  { emoji: '🧾', name: 'receipt' },
  { emoji: '📧', name: 'e-mail' },
  { emoji: '📞', name: 'telephone receiver' },
  { emoji: '💬', name: 'speech balloon' },
  { emoji: '🔧', name: 'wrench' },
  { emoji: '🔒', name: 'locked' },
  { emoji: '🔗', name: 'link' },
];

const COLUMNS = 7;

/**
 * "Insert emoji" button with a popover grid: arrow keys, Home and End move between emoji, Enter or
 * Space inserts at the caret of `target` (replacing its selection), Escape or a click outside
 * closes and focus goes back to where it was.
 */
export function EmojiPicker({
  target,
  onInsert,
}: {
  target: RefObject<HTMLTextAreaElement | null>;
  /** Called with the new text; the picker then puts the caret after the emoji. */
  onInsert: (text: string) => void;
}) {
  const [isOpen, setIsOpen] = useState(false);
  const [active, setActive] = useState(0);
  const toggle = useRef<HTMLButtonElement>(null);
  const popover = useRef<HTMLDivElement>(null);
  const cells = useRef<(HTMLButtonElement | null)[]>([]);
  const popoverId = useId();

  useEffect(() => {
    if (!isOpen) return;
    cells.current[active]?.focus();
  }, [isOpen, active]);

  useEffect(() => {
    if (!isOpen) return;
    const onPointerDown = (event: PointerEvent) => {
      const inside = event.target instanceof Node && popover.current?.contains(event.target);
      if (!inside && event.target !== toggle.current) setIsOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [isOpen]);

  const close = () => {
    setIsOpen(false);
    toggle.current?.focus();
  };

  const pick = (emoji: string) => {
    const el = target.current;
    if (!el) return;
    const next = insertAtCaret(el.value, el.selectionStart, el.selectionEnd, emoji);
    onInsert(next.value);
    setIsOpen(false);
    // After React has written the new value, put the caret right after the emoji.
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(next.caret, next.caret);
    });
  };

  const onGridKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const last = CARE_EMOJI.length - 1;
    const moves: Record<string, number> = {
      ArrowRight: Math.min(last, active + 1),
      ArrowLeft: Math.max(0, active - 1),
      ArrowDown: active + COLUMNS <= last ? active + COLUMNS : active,
      ArrowUp: active - COLUMNS >= 0 ? active - COLUMNS : active,
      Home: 0,
      End: last,
    };
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key in moves) {
      event.preventDefault();
      setActive(moves[event.key] ?? active);
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      // Letters are inert here; keep them from reaching the desk's single-key shortcuts (e resolves).
      event.stopPropagation();
    }
  };

  return (
    <span className="emoji-picker">
      <button
        ref={toggle}
        type="button"
        className="small emoji-toggle"
        aria-label="Insert emoji"
        aria-haspopup="dialog"
        aria-expanded={isOpen}
        aria-controls={isOpen ? popoverId : undefined}
        onClick={() => {
          setActive(0);
          setIsOpen((v) => !v);
        }}
      >
        <span aria-hidden="true">🙂</span>
      </button>
      {isOpen ? (
        <div
          ref={popover}
          id={popoverId}
          role="dialog"
          aria-label="Emoji"
          className="emoji-popover"
          onKeyDown={onGridKeyDown}
        >
          <fieldset className="emoji-grid">
            <legend className="visually-hidden">Emoji: arrow keys move, Enter inserts, Esc closes</legend>
            {CARE_EMOJI.map((e, i) => (
              <button
                key={e.emoji}
                ref={(el) => {
                  cells.current[i] = el;
                }}
                type="button"
                className="emoji-cell"
                tabIndex={i === active ? 0 : -1}
                aria-label={e.name}
                title={e.name}
                onFocus={() => setActive(i)}
                onClick={() => pick(e.emoji)}
              >
                {e.emoji}
              </button>
            ))}
          </fieldset>
        </div>
      ) : null}
    </span>
  );
}
