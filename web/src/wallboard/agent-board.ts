// Agents as routing sees them (presence, teams, skills, capacity) and the account's teams, shared
// by the nav bar's presence selector, the inbox rows' presence dots, the wallboard and the admin
// panels. One board per event stream (so per signed-in account), kept current by
// `presence.changed` events; SLA alerts from the same stream are applied to the conversation store.
import { useSyncExternalStore } from 'react';
import {
  type AgentBoardRow,
  type PresenceStatus,
  type QueueOrder,
  routingApi,
  type Team,
} from '../api/routing.ts';
import type { Conversation, StreamEvent } from '../api/types.ts';
import { useDesk } from '../app/desk-context.tsx';
import { withSlaAlert } from '../inbox/sla-countdown.ts';
import type { ConversationStore } from '../inbox/store.ts';
import type { EventStream } from '../realtime/stream.ts';

export class AgentBoard {
  agents = new Map<string, AgentBoardRow>();
  teams: Team[] = [];
  /** The account's queue order (routing settings). */
  queueOrder: QueueOrder = 'priority_then_waiting';
  /** Kind of work per channel, where routing settings set one (capacity is counted per kind). */
  channelWorkKinds = new Map<string, string>();
  /** Team per channel (routing settings): work not yet routed belongs to its channel's team. */
  channelTeamIds = new Map<string, string>();
  isLoaded = false;
  version = 0;
  private readonly listeners = new Set<() => void>();

  async reload(): Promise<void> {
    const [agents, teams, settings] = await Promise.all([
      routingApi.agents(),
      routingApi.teams(),
      routingApi.settings(),
    ]);
    this.agents = new Map(agents.items.map((a) => [a.id, a]));
    this.teams = teams.items;
    this.queueOrder = settings.account.queueOrder ?? settings.defaults.queueOrder;
    this.channelWorkKinds = new Map(
      Object.entries(settings.channels).flatMap(([id, s]) => (s.workKind ? [[id, s.workKind] as const] : [])),
    );
    this.channelTeamIds = new Map(
      Object.entries(settings.channels).flatMap(([id, s]) => (s.teamId ? [[id, s.teamId] as const] : [])),
    );
    this.isLoaded = true;
    this.changed();
  }

  apply(event: StreamEvent): void {
    if (event.type !== 'presence.changed') return;
    const { userId, status, setBy, changedAt } = event.payload as {
      userId?: string;
      status?: PresenceStatus;
      setBy?: string;
      changedAt?: string;
    };
    if (!userId || !status) return;
    this.setPresence(userId, status, setBy ?? 'agent', changedAt ?? new Date().toISOString());
  }

  setPresence(userId: string, status: PresenceStatus, setBy: string, changedAt: string): void {
    const agent = this.agents.get(userId);
    if (!agent) return;
    if (agent.presence.status === status && agent.presence.setBy === setBy) return;
    this.agents.set(userId, { ...agent, presence: { ...agent.presence, status, setBy, changedAt } });
    this.changed();
  }

  /** The conversation's team, else its channel's (as routing decides it). */
  teamOf(conversation: Conversation): string | null {
    return conversation.teamId ?? this.channelTeamIds.get(conversation.channel.id) ?? null;
  }

  presenceOf(userId: string): PresenceStatus {
    return this.agents.get(userId)?.presence.status ?? 'offline';
  }

  teamIdsOf(userId: string): string[] {
    return this.teams.filter((t) => t.memberIds.includes(userId)).map((t) => t.id);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private changed() {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}

const boards = new WeakMap<EventStream, AgentBoard>();

/** The board of this stream's account; the first call loads it and starts following the stream. */
export function agentBoardFor(stream: EventStream, store: ConversationStore): AgentBoard {
  let board = boards.get(stream);
  if (board) return board;
  const created = new AgentBoard();
  boards.set(stream, created);
  stream.subscribe((event) => {
    created.apply(event);
    applySlaAlert(store, event);
  });
  void created.reload().catch(() => undefined);
  board = created;
  return board;
}

/** `sla.at_risk` / `sla.breached` change the flags without a `conversation.updated` event. */
export function applySlaAlert(store: ConversationStore, event: StreamEvent): void {
  if (event.type !== 'sla.at_risk' && event.type !== 'sla.breached') return;
  const id = (event.payload as { conversationId?: string }).conversationId;
  const conversation: Conversation | undefined = id ? store.byId.get(id) : undefined;
  if (!conversation) return;
  store.upsert(withSlaAlert(conversation, event.type === 'sla.breached' ? 'breached' : 'at_risk'));
}

/** The account's agent board; re-renders on every change. */
export function useAgentBoard(): AgentBoard {
  const { stream, store } = useDesk();
  const board = agentBoardFor(stream, store);
  useSyncExternalStore(board.subscribe, board.getVersion);
  return board;
}
