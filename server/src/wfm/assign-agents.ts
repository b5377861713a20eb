import { lpTerms, solveLp } from './highs-solver.ts';
import type { Tour } from './schedule.ts';

export interface AvailabilityWindow {
  /** Day of the planning week (0 = first day). */
  day: number;
  fromMinute: number;
  /** May exceed 1440 for availability running past midnight. */
  toMinute: number;
}

export interface Agent {
  id: string;
  /** Weekly paid hours allowed by the contract. */
  minHours: number;
  maxHours: number;
  /** When absent the agent is available at any time. */
  availability?: AvailabilityWindow[];
  preferredStartMinute?: number;
  preferredDaysOff?: number[];
}

export interface Assignment {
  agentId: string;
  tourIndex: number;
  cost: number;
}

export interface AssignmentResult {
  assignments: Assignment[];
  /** Tours nobody could (or should) take. */
  unfilledTours: number[];
  idleAgents: string[];
}

export function canWork(agent: Agent, tour: Tour): boolean {
  if (tour.paidHours < agent.minHours - 1e-9 || tour.paidHours > agent.maxHours + 1e-9) return false;
  if (!agent.availability) return true;
  const start = tour.shift.startMinute;
  const end = start + tour.shift.lengthMinutes;
  return tour.days.every(({ day }) =>
    agent.availability?.some((w) => w.day === day && w.fromMinute <= start && end <= w.toMinute),
  );
}

/** Preference cost: hours away from the preferred start plus 2 per preferred day off worked. */
export function preferenceCost(agent: Agent, tour: Tour): number {
  const startCost =
    agent.preferredStartMinute === undefined
      ? 0
      : Math.abs(tour.shift.startMinute - agent.preferredStartMinute) / 60;
  const daysOffCost = 2 * tour.days.filter(({ day }) => agent.preferredDaysOff?.includes(day)).length;
  return startCost + daysOffCost;
}

/**
 * Named agents to tours as a transportation problem (agents supply 1, tour groups demand their
 * count): the constraint matrix is totally unimodular, so HiGHS returns an integral plan fast.
 * Unfilled tours cost 1000 each, so coverage beats preferences.
 */
export async function assignAgents(
  tours: readonly Tour[],
  agents: readonly Agent[],
): Promise<AssignmentResult> {
  const groups = new Map<string, number[]>();
  tours.forEach((tour, i) => {
    const key = `${tour.shift.id}|${tour.daysOffPattern}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const groupList = [...groups.values()];
  const objective: [number, string][] = [];
  const agentRows: [number, string][][] = agents.map(() => []);
  const groupRows: [number, string][][] = groupList.map(() => []);
  const costs = new Map<string, number>();
  groupList.forEach((members, g) => {
    const tour = tours[members[0] ?? 0];
    if (!tour) return;
    agents.forEach((agent, a) => {
      if (!canWork(agent, tour)) return;
      const name = `z_${a}_${g}`;
      const cost = preferenceCost(agent, tour);
      costs.set(name, cost);
      objective.push([cost + 1e-3, name]);
      agentRows[a]?.push([1, name]);
      groupRows[g]?.push([1, name]);
    });
    objective.push([1000, `open_${g}`]);
    groupRows[g]?.push([1, `open_${g}`]);
  });
  const rows = [
    ...agentRows.flatMap((terms, a) => (terms.length > 0 ? [` a_${a}: ${lpTerms(terms)} <= 1`] : [])),
    ...groupRows.map((terms, g) => ` g_${g}: ${lpTerms(terms)} = ${groupList[g]?.length ?? 0}`),
  ];
  const names = [...costs.keys()];
  const bounds = names.length > 0 ? `Bounds\n${names.map((n) => ` 0 <= ${n} <= 1`).join('\n')}\n` : '';
  // No integrality section: the transportation polytope has integral vertices, and simplex returns one.
  const lp = `Minimize\n obj: ${lpTerms(objective)}\nSubject To\n${rows.join('\n')}\n${bounds}End\n`;
  const solved = await solveLp(lp);
  const isIntegral = [...solved.values].every(([, v]) => Math.abs(v - Math.round(v)) < 1e-6);
  if (!isIntegral) throw new Error('assignment LP returned a fractional vertex');
  const assignments: Assignment[] = [];
  const busy = new Set<number>();
  const remaining = groupList.map((members) => [...members]);
  for (const name of names) {
    if (Math.round(solved.values.get(name) ?? 0) !== 1) continue;
    const [, a, g] = name.split('_').map(Number);
    const tourIndex = remaining[g ?? 0]?.shift();
    const agent = agents[a ?? 0];
    if (tourIndex === undefined || !agent) continue;
    busy.add(a ?? 0);
    assignments.push({ agentId: agent.id, tourIndex, cost: costs.get(name) ?? 0 });
  }
  return {
    assignments,
    unfilledTours: remaining.flat(),
    idleAgents: agents.filter((_, a) => !busy.has(a)).map((agent) => agent.id),
  };
}
