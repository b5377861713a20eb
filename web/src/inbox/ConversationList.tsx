import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useLayoutEffect, useRef } from 'react';
import type { PresenceStatus } from '../api/routing.ts';
import type { Conversation } from '../api/types.ts';
import { formatCount, formatWait, providerLabel } from '../ui/format.ts';
import { PrivateIcon, PublicIcon } from '../ui/icons.tsx';
import { useAgentBoard } from '../wallboard/agent-board.ts';
import { PresenceDot } from './PresenceDot.tsx';
import { SentimentChip } from './SentimentChip.tsx';
import { SlaCountdown } from './SlaCountdown.tsx';
import { anchoredScrollTop } from './scroll-anchor.ts';

export const ROW_HEIGHT = 72;

interface Props {
  rows: Conversation[];
  selectedId: string | null;
  openId: string | null;
  nowMs: number;
  onSelect: (id: string) => void;
  onOpen: (id: string) => void;
}

/**
 * Virtualised queue. When rows are inserted or removed above the viewport (live updates), the
 * first visible conversation stays where it was instead of the list jumping.
 */
export function ConversationList({ rows, selectedId, openId, nowMs, onSelect, onOpen }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const board = useAgentBoard();
  const previous = useRef<{ rows: Conversation[]; scrollTop: number }>({ rows: [], scrollTop: 0 });
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (index) => rows[index]?.id ?? index,
  });

  useLayoutEffect(() => {
    const element = scrollRef.current;
    const before = previous.current;
    if (element && before.rows !== rows) {
      const anchored = anchoredScrollTop(before.rows, rows, before.scrollTop, ROW_HEIGHT);
      if (anchored !== null) element.scrollTop = anchored;
    }
    previous.current = { rows, scrollTop: element?.scrollTop ?? 0 };
  }, [rows]);

  useLayoutEffect(() => {
    if (!selectedId) return;
    const index = rows.findIndex((r) => r.id === selectedId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [selectedId, rows, virtualizer]);

  return (
    <div
      ref={scrollRef}
      className="conversation-list"
      onScroll={(event) => {
        previous.current.scrollTop = event.currentTarget.scrollTop;
      }}
    >
      <div
        role="listbox"
        tabIndex={0}
        aria-label="Conversations"
        aria-activedescendant={selectedId ? `row-${selectedId}` : undefined}
        style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const conversation = rows[item.index];
          if (!conversation) return null;
          return (
            <Row
              key={conversation.id}
              conversation={conversation}
              top={item.start}
              isSelected={conversation.id === selectedId}
              isOpen={conversation.id === openId}
              waiting={formatWait(conversation.waitingSince, nowMs)}
              nowMs={nowMs}
              assigneePresence={conversation.assignee ? board.presenceOf(conversation.assignee.id) : null}
              onSelect={onSelect}
              onOpen={onOpen}
            />
          );
        })}
      </div>
    </div>
  );
}

interface RowProps {
  conversation: Conversation;
  top: number;
  isSelected: boolean;
  isOpen: boolean;
  waiting: string;
  nowMs: number;
  assigneePresence: PresenceStatus | null;
  onSelect: (id: string) => void;
  onOpen: (id: string) => void;
}

const Row = memo(function Row({
  conversation: c,
  top,
  isSelected,
  isOpen,
  waiting,
  nowMs,
  assigneePresence,
  onSelect,
  onOpen,
}: RowProps) {
  const name = c.contact.name ?? c.contact.handle ?? 'Unknown customer';
  return (
    // Keyboard users move with j/k and open with Enter on the focused listbox; rows are its options.
    // biome-ignore lint/a11y/useKeyWithClickEvents: keys are handled by the listbox (use-inbox-keys)
    // biome-ignore lint/a11y/useFocusableInteractive: the listbox keeps focus (aria-activedescendant)
    <div
      id={`row-${c.id}`}
      role="option"
      aria-selected={isSelected}
      data-conversation-id={c.id}
      className={`row${isSelected ? ' selected' : ''}${isOpen ? ' open' : ''}`}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      onClick={() => {
        onSelect(c.id);
        onOpen(c.id);
      }}
    >
      <div className="row-line">
        <span className={`channel-badge provider-${c.channel.provider}`} title={c.channel.name}>
          {providerLabel(c.channel.provider)}
        </span>
        <span className={`visibility ${c.isPublic ? 'public' : 'private'}`}>
          {c.isPublic ? <PublicIcon /> : <PrivateIcon />}
        </span>
        <span className="customer">{name}</span>
        {c.contact.handle ? <span className="handle">@{c.contact.handle}</span> : null}
        {c.contact.followerCount !== null ? (
          <span className="followers" title={`${c.contact.followerCount} followers`}>
            {formatCount(c.contact.followerCount)} followers
          </span>
        ) : null}
        <span className="spacer" />
        <SentimentChip sentiment={c.sentimentEnd ?? c.sentimentStart} />
        <SlaCountdown conversation={c} nowMs={nowMs} />
        <span className={`priority priority-${c.priority}`}>{c.priority}</span>
        <span className="waiting" title="Time waiting">
          {waiting}
        </span>
      </div>
      <div className="row-line">
        <span className="snippet">{c.snippet}</span>
        <span className="spacer" />
        {c.labels?.map((l) => (
          <span key={l.id} className="label-chip small" style={{ borderColor: l.color }}>
            {l.name}
          </span>
        ))}
        {c.status !== 'new' && c.status !== 'open' ? <span className="status-tag">{c.status}</span> : null}
        {c.assignee && assigneePresence ? (
          <PresenceDot status={assigneePresence} name={c.assignee.name} />
        ) : null}
        <span className="assignee">{c.assignee ? c.assignee.name : 'Unassigned'}</span>
      </div>
    </div>
  );
});
