import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors/index.ts';
import {
  type Agent,
  assignAgents,
  consecutiveWorkPatterns,
  type ScheduleProblem,
  type ShiftRules,
  type Tour,
} from '../../wfm/index.ts';
import { solveScheduleOffThread } from '../../wfm/schedule-thread.ts';
import { principalOf } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { num } from './wfm-history.ts';
import { ScheduleBody } from './wfm-schemas.ts';

const defaultBreaks = [
  {
    label: 'meal',
    minShiftHours: 6,
    durationMinutes: 30,
    earliestStartMinutes: 180,
    latestStartMinutes: 300,
    isPaid: false,
  },
];

/** Break placements of one working day as minute ranges from the shift start (for a Gantt chart). */
function breaksOf(tour: Tour, variant: number, interval: number) {
  const away = tour.shift.breakVariants[variant] ?? [];
  const out: { offsetMinutes: number; minutes: number }[] = [];
  for (const [offset, fraction] of [...away].sort((a, b) => a[0] - b[0])) {
    const last = out[out.length - 1];
    const start = offset * interval;
    if (last && last.offsetMinutes + last.minutes >= start - 1e-9 && fraction > 0)
      last.minutes += fraction * interval;
    else out.push({ offsetMinutes: start, minutes: fraction * interval });
  }
  return out.map((b) => ({ offsetMinutes: Math.round(b.offsetMinutes), minutes: Math.round(b.minutes) }));
}

export function toProblem(body: Static<typeof ScheduleBody>): ScheduleProblem {
  const perDay = (24 * 60) / body.interval;
  if (body.required.length !== 7 * perDay) {
    throw new AppError(
      'bad_request',
      `required must have ${7 * perDay} values (7 days × ${perDay} intervals), got ${body.required.length}`,
    );
  }
  const startEvery = body.startEveryMinutes ?? 60;
  if (startEvery % body.interval !== 0)
    throw new AppError(
      'bad_request',
      `startEveryMinutes must be a multiple of the ${body.interval}-minute interval`,
    );
  for (const b of body.breaks ?? []) {
    if (b.earliestStartMinutes > b.latestStartMinutes)
      throw new AppError('bad_request', `break ${b.label}: earliest start is after latest start`);
  }
  if (body.minStaff !== undefined && body.maxStaff !== undefined && body.minStaff > body.maxStaff)
    throw new AppError('bad_request', 'minStaff is above maxStaff');
  const rules: ShiftRules = {
    intervalMinutes: body.interval,
    days: 7,
    startEveryMinutes: startEvery,
    lengthsMinutes: (body.lengthsHours ?? [8]).map((h) => h * 60),
    breaks: (body.breaks ?? defaultBreaks).map((b) => ({
      label: b.label,
      minShiftMinutes: b.minShiftHours * 60,
      durationMinutes: b.durationMinutes,
      earliestStartMinutes: b.earliestStartMinutes,
      latestStartMinutes: b.latestStartMinutes,
      isPaid: b.isPaid,
    })),
    daysOffPatterns: consecutiveWorkPatterns(7, body.workDays ?? 5),
  };
  return {
    rules,
    required: body.required,
    ...(body.minStaff !== undefined ? { minStaff: body.required.map(() => body.minStaff ?? 0) } : {}),
    ...(body.maxStaff !== undefined ? { maxStaff: body.required.map(() => body.maxStaff ?? 0) } : {}),
    understaffPenalty: body.understaffPenalty ?? 10,
    timeLimitSeconds: body.timeLimitSeconds ?? 20,
  };
}

export async function scheduleRoute(app: FastifyInstance, ctx: ServerContext) {
  const db = ctx.db.kysely;
  app.post(
    '/wfm/schedule',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['wfm'],
        summary:
          'Weekly 24/7 schedule (HiGHS MIP) meeting a requirement: shifts, breaks, days off; solve time and gap to the LP bound',
        body: ScheduleBody,
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const body = request.body as Static<typeof ScheduleBody>;
      const problem = toProblem(body);
      let result: Awaited<ReturnType<typeof solveScheduleOffThread>>;
      try {
        result = await solveScheduleOffThread(problem);
      } catch (error) {
        throw new AppError('bad_request', `no schedule found: ${(error as Error).message}`);
      }
      const names = new Map<number, string>();
      if (body.assignMembers) {
        const members = await db
          .selectFrom('memberships')
          .innerJoin('users', 'users.id', 'memberships.user_id')
          .select(['users.id', 'users.name', 'memberships.role'])
          .where('memberships.account_id', '=', principal.accountId)
          .orderBy('users.name')
          .execute();
        const ordered = [
          ...members.filter((m) => m.role === 'agent'),
          ...members.filter((m) => m.role !== 'agent'),
        ];
        const agents: Agent[] = ordered.map((m) => ({ id: m.id, minHours: 0, maxHours: 60 }));
        if (agents.length > 0 && result.tours.length > 0) {
          const assignment = await assignAgents(result.tours, agents);
          const byId = new Map(ordered.map((m) => [m.id, m.name]));
          for (const a of assignment.assignments) names.set(a.tourIndex, byId.get(a.agentId) ?? a.agentId);
        }
      }
      return {
        interval: body.interval,
        status: result.status,
        solveSeconds: num(result.solveSeconds, 2),
        paidHours: num(result.paidHours, 2),
        objective: num(result.objective, 2),
        lpBound: num(result.lpBound, 2),
        gapToLpPct: num(result.gapToLpPct, 2),
        understaffedAgentIntervals: num(result.understaffedAgentIntervals, 2),
        shiftTypes: result.patterns,
        tours: result.tours.map((t, i) => ({
          agentName: names.get(i) ?? null,
          startMinute: t.shift.startMinute,
          lengthMinutes: t.shift.lengthMinutes,
          paidHours: num(t.paidHours, 2),
          days: t.days.map((d) => ({ day: d.day, breaks: breaksOf(t, d.breakVariant, body.interval) })),
        })),
        coverage: result.coverage.map((c) => ({ required: c.required, scheduled: num(c.scheduled, 2) })),
      };
    },
  );
}
