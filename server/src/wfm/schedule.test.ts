import { describe, expect, it } from 'vitest';
import { assignAgents } from './assign-agents.ts';
import { solveSchedule, tourCoverage } from './schedule.ts';
import { consecutiveWorkPatterns, type ShiftRules } from './shift-patterns.ts';

// A small 24/7 week at hourly grain: 8 h shifts every 2 h, a 1 h unpaid meal 3–5 h in, 5 days on/2 off.
const rules: ShiftRules = {
  intervalMinutes: 60,
  days: 7,
  startEveryMinutes: 120,
  lengthsMinutes: [480],
  breaks: [
    {
      label: 'meal',
      minShiftMinutes: 480,
      durationMinutes: 60,
      earliestStartMinutes: 180,
      latestStartMinutes: 300,
      isPaid: false,
    },
  ],
  daysOffPatterns: consecutiveWorkPatterns(7, 5),
};

const required = Array.from({ length: 168 }, (_, t) => {
  const hour = t % 24;
  const weekend = t >= 120 ? 0.5 : 1;
  return Math.max(1, Math.round(weekend * (hour >= 8 && hour < 20 ? 4 : 1.5)));
});

// One solve shared by the tests that only read it.
let shared: ReturnType<typeof solveSchedule> | undefined;
const solveShared = () => {
  shared ??= solveSchedule({
    rules,
    required,
    understaffPenalty: 50,
    relativeGap: 0.03,
    timeLimitSeconds: 4,
  });
  return shared;
};

describe('weekly schedule MIP', () => {
  it('covers the requirement 24/7 with valid tours, breaks in their windows, near the LP bound', async () => {
    const result = await solveShared();
    expect(result.understaffedAgentIntervals).toBe(0);
    expect(result.coverage.every((c) => c.scheduled >= c.required)).toBe(true);
    expect(result.objective).toBeGreaterThanOrEqual(result.lpBound - 1e-6);
    expect(result.paidHours).toBe(result.tours.length * 5 * 7);
    const cover = tourCoverage(result.tours, rules);
    expect(cover).toEqual(result.coverage.map((c) => c.scheduled));
    for (const tour of result.tours) {
      // Five consecutive working days (cyclically), i.e. the two days off are adjacent.
      const worked = tour.days.map((d) => d.day);
      expect(worked).toHaveLength(5);
      const off = [0, 1, 2, 3, 4, 5, 6].filter((d) => !worked.includes(d));
      expect(
        ((off[1] ?? 0) - (off[0] ?? 0) + 7) % 7 === 1 || ((off[0] ?? 0) - (off[1] ?? 0) + 7) % 7 === 1,
      ).toBe(true);
      for (const day of tour.days) {
        const away = tour.shift.breakVariants[day.breakVariant] ?? [];
        expect(away).toHaveLength(1);
        const [offsetHours] = away[0] ?? [0];
        expect(offsetHours * 60).toBeGreaterThanOrEqual(180);
        expect(offsetHours * 60).toBeLessThanOrEqual(300);
      }
    }
  });

  it('respects a maximum staffing cap by under-staffing instead', async () => {
    const maxStaff = required.map(() => 2);
    const result = await solveSchedule({
      rules,
      required,
      maxStaff,
      understaffPenalty: 50,
      relativeGap: 0.03,
      timeLimitSeconds: 4,
    });
    expect(result.coverage.every((c) => c.scheduled <= 2 + 1e-9)).toBe(true);
    expect(result.understaffedAgentIntervals).toBeGreaterThan(0);
  });

  it('assigns named agents within availability, contracts and preferences', async () => {
    const result = await solveShared();
    // Agent 0 is available only on the days and hours of the last tour's shift (e.g. a night shift).
    const target = result.tours[result.tours.length - 1];
    if (!target) throw new Error('no tours');
    const start = target.shift.startMinute;
    const availability = target.days.map(({ day }) => ({
      day,
      fromMinute: start,
      toMinute: start + target.shift.lengthMinutes,
    }));
    const agents = [
      { id: 'agent-0', minHours: 30, maxHours: 40, availability, preferredStartMinute: 0 },
      // Exactly as many full-timers as tours: every one must work, agent 0 only where available.
      ...Array.from({ length: result.tours.length - 1 }, (_, i) => ({
        id: `agent-${i + 1}`,
        minHours: 30,
        maxHours: 40,
        preferredStartMinute: 8 * 60,
      })),
      { id: 'part-timer', minHours: 10, maxHours: 20 },
    ];
    const assignment = await assignAgents(result.tours, agents);
    expect(assignment.unfilledTours).toEqual([]);
    expect(assignment.assignments).toHaveLength(result.tours.length);
    expect(assignment.idleAgents).toContain('part-timer');
    const first = assignment.assignments.find((a) => a.agentId === 'agent-0');
    const tour = result.tours[first?.tourIndex ?? -1];
    expect(tour?.shift.startMinute).toBe(start);
    expect(tour?.days.map((d) => d.day)).toEqual(target.days.map((d) => d.day));
    // Everyone else prefers 08:00: the plan gives the 08:00 tours to them, not to agent 0.
    for (const a of assignment.assignments) {
      const t = result.tours[a.tourIndex];
      if (a.agentId !== 'agent-0' && t?.shift.startMinute === 8 * 60) expect(a.cost).toBe(0);
    }
  });
});
