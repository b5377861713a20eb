import type { Channel, Conversation, Member, Priority } from '../api/types.ts';
import { OPEN_STATUSES } from '../inbox/queue.ts';

export interface WallboardStats {
  openTotal: number;
  unassigned: number;
  longestWaitMs: number | null;
  byChannel: { id: string; name: string; provider: string; open: number }[];
  byPriority: Record<Priority, number>;
  agents: { id: string; name: string; role: string; open: number }[];
}

/** Live queue figures from the desk's in-memory conversations (time is a parameter). */
export function computeWallboard(
  conversations: Iterable<Conversation>,
  users: Member[],
  channels: Channel[],
  nowMs: number,
): WallboardStats {
  const byChannel = new Map(
    channels.map((ch) => [ch.id, { id: ch.id, name: ch.name, provider: ch.provider, open: 0 }]),
  );
  const load = new Map<string, number>();
  const byPriority: Record<Priority, number> = { urgent: 0, high: 0, normal: 0, low: 0 };
  let openTotal = 0;
  let unassigned = 0;
  let oldestWait: number | null = null;
  for (const c of conversations) {
    if (!OPEN_STATUSES.includes(c.status)) continue;
    openTotal += 1;
    byPriority[c.priority] += 1;
    const channel = byChannel.get(c.channel.id) ?? { ...c.channel, open: 0 };
    channel.open += 1;
    byChannel.set(c.channel.id, channel);
    if (c.assignee) load.set(c.assignee.id, (load.get(c.assignee.id) ?? 0) + 1);
    else unassigned += 1;
    if (c.waitingSince) {
      const since = Date.parse(c.waitingSince);
      if (oldestWait === null || since < oldestWait) oldestWait = since;
    }
  }
  return {
    openTotal,
    unassigned,
    longestWaitMs: oldestWait === null ? null : Math.max(0, nowMs - oldestWait),
    byChannel: [...byChannel.values()].sort((a, b) => b.open - a.open || a.name.localeCompare(b.name)),
    byPriority,
    agents: users
      .map((u) => ({ id: u.id, name: u.name, role: u.role, open: load.get(u.id) ?? 0 }))
      .sort((a, b) => b.open - a.open || a.name.localeCompare(b.name)),
  };
}
