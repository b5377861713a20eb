import type { AgentBoardRow, PresenceStatus, Team } from '../api/routing.ts';
import type { Channel, Conversation, Member, Priority, Sentiment } from '../api/types.ts';
import { OPEN_STATUSES } from '../inbox/queue.ts';
import { slaCountdown } from '../inbox/sla-countdown.ts';

/** Statuses that occupy an agent's capacity (as routing counts them: snoozed work does not). */
const LOAD_STATUSES: readonly string[] = ['new', 'open', 'pending'];
const HOUR_MS = 3_600_000;
const PRESENCE_RANK: Record<PresenceStatus, number> = { online: 0, away: 1, offline: 2 };

export interface AgentLoad {
  id: string;
  name: string;
  role: string;
  presence: PresenceStatus;
  /** Conversations occupying capacity, all kinds of work. */
  open: number;
  /** Per kind of work: open conversations and the agent's capacity (0 when none is configured). */
  kinds: { kind: string; open: number; capacity: number }[];
  isOverCapacity: boolean;
}

export interface WallboardStats {
  openTotal: number;
  unassigned: number;
  longestWaitMs: number | null;
  slaAtRisk: number;
  slaBreached: number;
  byChannel: { id: string; name: string; provider: string; open: number }[];
  byTeam: { id: string | null; name: string; open: number }[];
  byPriority: Record<Priority, number>;
  /** Conversations with a customer message in the last hour, by the customer's latest sentiment. */
  sentimentLastHour: Record<Sentiment | 'unknown', number>;
  agents: AgentLoad[];
  presenceCounts: Record<PresenceStatus, number>;
}

export interface WallboardInput {
  conversations: Iterable<Conversation>;
  /** Routing's view of the agents; when not loaded yet, `members` are shown as offline. */
  agents: AgentBoardRow[] | null;
  members: Member[];
  channels: Channel[];
  teams: Team[];
  /** Kind of work per channel id from routing settings (else public → social, private → chat). */
  channelWorkKinds: ReadonlyMap<string, string>;
  /** Team per channel (routing settings): work not yet routed counts for its channel's team. */
  channelTeamIds?: ReadonlyMap<string, string>;
  nowMs: number;
}

export function workKindOf(c: Conversation, channelWorkKinds: ReadonlyMap<string, string>): string {
  return channelWorkKinds.get(c.channel.id) ?? (c.isPublic ? 'social' : 'chat');
}

/** Live queue figures from the desk's in-memory conversations (time is a parameter). */
export function computeWallboard(input: WallboardInput): WallboardStats {
  const { nowMs } = input;
  const byChannel = new Map(
    input.channels.map((ch) => [ch.id, { id: ch.id, name: ch.name, provider: ch.provider, open: 0 }]),
  );
  const byTeam = new Map<string | null, { id: string | null; name: string; open: number }>(
    input.teams.map((t) => [t.id, { id: t.id, name: t.name, open: 0 }]),
  );
  const loads = new Map<string, Map<string, number>>();
  const byPriority: Record<Priority, number> = { urgent: 0, high: 0, normal: 0, low: 0 };
  const sentimentLastHour: Record<Sentiment | 'unknown', number> = {
    positive: 0,
    neutral: 0,
    negative: 0,
    unknown: 0,
  };
  let openTotal = 0;
  let unassigned = 0;
  let slaAtRisk = 0;
  let slaBreached = 0;
  let oldestWait: number | null = null;
  for (const c of input.conversations) {
    if (c.lastCustomerMessageAt && nowMs - Date.parse(c.lastCustomerMessageAt) <= HOUR_MS)
      sentimentLastHour[c.sentimentEnd ?? c.sentimentStart ?? 'unknown'] += 1;
    if (c.assignee && LOAD_STATUSES.includes(c.status)) {
      const own = loads.get(c.assignee.id) ?? new Map<string, number>();
      const kind = workKindOf(c, input.channelWorkKinds);
      own.set(kind, (own.get(kind) ?? 0) + 1);
      loads.set(c.assignee.id, own);
    }
    if (!OPEN_STATUSES.includes(c.status)) continue;
    openTotal += 1;
    byPriority[c.priority] += 1;
    const channel = byChannel.get(c.channel.id) ?? { ...c.channel, open: 0 };
    channel.open += 1;
    byChannel.set(c.channel.id, channel);
    const teamId = c.teamId ?? input.channelTeamIds?.get(c.channel.id) ?? null;
    const team = byTeam.get(teamId) ?? { id: teamId, name: teamId ? 'Unknown team' : 'No team', open: 0 };
    team.open += 1;
    byTeam.set(teamId, team);
    if (!c.assignee) unassigned += 1;
    if (c.waitingSince) {
      const since = Date.parse(c.waitingSince);
      if (oldestWait === null || since < oldestWait) oldestWait = since;
    }
    const sla = slaCountdown(c, nowMs).state;
    if (sla === 'at_risk') slaAtRisk += 1;
    else if (sla === 'breached') slaBreached += 1;
  }
  const roster =
    input.agents ??
    input.members.map((m) => ({
      id: m.id,
      name: m.name,
      role: m.role,
      presence: { status: 'offline' as const },
      capacity: {} as Record<string, number>,
    }));
  const agents = roster.map((a): AgentLoad => {
    const own = loads.get(a.id) ?? new Map<string, number>();
    const kindNames = [...new Set([...Object.keys(a.capacity), ...own.keys()])].sort();
    const kinds = kindNames.map((kind) => ({
      kind,
      open: own.get(kind) ?? 0,
      capacity: a.capacity[kind] ?? 0,
    }));
    return {
      id: a.id,
      name: a.name,
      role: a.role,
      presence: a.presence.status,
      open: kinds.reduce((sum, k) => sum + k.open, 0),
      kinds,
      isOverCapacity: kinds.some((k) => k.open > k.capacity),
    };
  });
  const presenceCounts: Record<PresenceStatus, number> = { online: 0, away: 0, offline: 0 };
  for (const a of agents) presenceCounts[a.presence] += 1;
  return {
    openTotal,
    unassigned,
    longestWaitMs: oldestWait === null ? null : Math.max(0, nowMs - oldestWait),
    slaAtRisk,
    slaBreached,
    byChannel: [...byChannel.values()].sort((a, b) => b.open - a.open || a.name.localeCompare(b.name)),
    byTeam: [...byTeam.values()]
      .filter((t) => t.id !== null || t.open > 0)
      .sort((a, b) => b.open - a.open || a.name.localeCompare(b.name)),
    byPriority,
    sentimentLastHour,
    agents: agents.sort(
      (a, b) =>
        PRESENCE_RANK[a.presence] - PRESENCE_RANK[b.presence] ||
        b.open - a.open ||
        a.name.localeCompare(b.name),
    ),
    presenceCounts,
  };
}
