import { useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api/client.ts';
import type { Conversation } from '../api/types.ts';
import { useDesk, useStoreVersion } from '../app/desk-context.tsx';
import { navigate } from '../app/router.ts';
import { NeedsApproval } from '../approvals/NeedsApproval.tsx';
import { requestReplyFocus } from '../conversation/Composer.tsx';
import { ConversationView } from '../conversation/ConversationView.tsx';
import { useNow } from '../ui/use-now.ts';
import { useAgentBoard } from '../wallboard/agent-board.ts';
import { ConversationList } from './ConversationList.tsx';
import { FilterBar } from './FilterBar.tsx';
import { HelpOverlay } from './HelpOverlay.tsx';
import { NextBestButton } from './NextBestButton.tsx';
import { countViews, type Filters, NO_FILTERS, selectQueue, VIEWS, type ViewId } from './queue.ts';
import { RuleNotices } from './RuleNotices.tsx';
import {
  countRoutingViews,
  inQueueOrder,
  isRoutingView,
  ROUTING_VIEWS,
  type RoutingViewId,
  selectRoutingQueue,
} from './sla-views.ts';
import { useInboxKeys } from './use-inbox-keys.ts';

// Marks for bench/desk.ts, read with performance.getEntriesByName.
let hasMarkedFirstRows = false;

export function InboxPage({ openId }: { openId: string | null }) {
  const { me, store } = useDesk();
  const version = useStoreVersion(store);
  const [view, setView] = useState<ViewId | RoutingViewId>('all');
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const deferredText = useDeferredValue(filters.text);
  const [selectedId, setSelectedId] = useState<string | null>(openId);
  const [isHelpOpen, setIsHelpOpen] = useState(false);
  const nowMs = useNow(15_000);
  const pendingFilterMark = useRef(false);
  const board = useAgentBoard();
  // biome-ignore lint/correctness/useExhaustiveDependencies: board.version is how the board says it changed
  const myTeamIds = useMemo(() => new Set(board.teamIdsOf(me.user.id)), [board, board.version, me.user.id]);
  const routingContext = useMemo(
    () => ({ myTeamIds, nowMs, teamOf: (c: Conversation) => board.teamOf(c) }),
    [myTeamIds, nowMs, board],
  );
  // Only the SLA view changes with the clock; the others keep their rows between ticks.
  const viewContext = view === 'sla_at_risk' ? routingContext : routingContext.myTeamIds;

  // biome-ignore lint/correctness/useExhaustiveDependencies: version is how the store says it changed
  const rows = useMemo(
    () =>
      isRoutingView(view)
        ? selectRoutingQueue(
            store.byId.values(),
            view,
            { ...filters, text: deferredText },
            routingContext,
            board.queueOrder,
          )
        : inQueueOrder(
            selectQueue(store.byId.values(), view, { ...filters, text: deferredText }, me.user.id),
            board.queueOrder,
          ),
    [
      store,
      version,
      view,
      viewContext,
      board.queueOrder,
      filters.channelId,
      filters.status,
      filters.priority,
      filters.assigneeId,
      filters.labelId,
      deferredText,
      me.user.id,
    ],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: version is how the store says it changed
  const counts = useMemo(
    () => ({
      ...countViews(store.byId.values(), me.user.id),
      ...countRoutingViews(store.byId.values(), routingContext),
    }),
    [store, version, me.user.id, routingContext],
  );

  useLayoutEffect(() => {
    if (rows.length > 0 && !hasMarkedFirstRows) {
      hasMarkedFirstRows = true;
      afterPaint(() => performance.mark('inbox:first-rows'));
    }
    if (pendingFilterMark.current) {
      pendingFilterMark.current = false;
      afterPaint(() => performance.mark('inbox:filter-rendered'));
    }
  }, [rows]);

  const changeFilters = useCallback((next: Filters) => {
    performance.mark('inbox:filter-start');
    pendingFilterMark.current = true;
    setFilters(next);
  }, []);

  useEffect(() => {
    if (openId) setSelectedId(openId);
  }, [openId]);

  const open = useCallback((id: string) => navigate(`/inbox/${id}`), []);
  const selected = rows.find((r) => r.id === selectedId) ?? null;

  useInboxKeys({
    move: (step) => {
      const index = rows.findIndex((r) => r.id === selectedId);
      const next = rows[Math.min(rows.length - 1, Math.max(0, index + step))];
      if (next) setSelectedId(next.id);
    },
    open: () => {
      if (selectedId) open(selectedId);
    },
    resolve: () => {
      const id = openId ?? selected?.id;
      if (id) void api.setStatus(id, 'resolved').then((c) => store.upsert(c));
    },
    assignToMe: () => {
      const id = openId ?? selected?.id;
      if (id) void api.assign(id, me.user.id).then((c) => store.upsert(c));
    },
    reply: () => {
      const id = openId ?? selectedId;
      if (!id) return;
      if (id !== openId) open(id);
      requestReplyFocus(id);
    },
    help: () => setIsHelpOpen(true),
  });

  return (
    <div className="inbox">
      <section className="queue" aria-label="Queue">
        <nav className="views" aria-label="Views">
          {[...VIEWS, ...ROUTING_VIEWS].map((v) => (
            <button
              key={v.id}
              type="button"
              aria-pressed={view === v.id}
              onClick={() => {
                performance.mark('inbox:filter-start');
                pendingFilterMark.current = true;
                setView(v.id);
              }}
            >
              {v.label} <span className="count">{store.isOpenLoaded ? counts[v.id] : '…'}</span>
            </button>
          ))}
        </nav>
        <NeedsApproval />
        <RuleNotices />
        <FilterBar filters={filters} onChange={changeFilters} />
        <p className="queue-summary" aria-live="polite">
          {rows.length} conversation{rows.length === 1 ? '' : 's'}
          {store.isFullyLoaded ? '' : ' (loading…)'}
          <button type="button" className="link-button" onClick={() => setIsHelpOpen(true)}>
            Keyboard shortcuts (?)
          </button>
        </p>
        <NextBestButton />
        <ConversationList
          // A new view or filter starts at the top of its list.
          key={`${view}|${filters.channelId}|${filters.status}|${filters.priority}|${filters.assigneeId}|${filters.labelId}|${deferredText}`}
          rows={rows}
          selectedId={selectedId}
          openId={openId}
          nowMs={nowMs}
          onSelect={setSelectedId}
          onOpen={open}
        />
      </section>
      <section className="detail" aria-label="Conversation">
        {openId ? (
          <ConversationView key={openId} id={openId} />
        ) : (
          <p className="empty">Select a conversation (j/k to move, Enter to open).</p>
        )}
      </section>
      {isHelpOpen ? <HelpOverlay onClose={() => setIsHelpOpen(false)} /> : null}
    </div>
  );
}

function afterPaint(callback: () => void) {
  requestAnimationFrame(() => setTimeout(callback, 0));
}
