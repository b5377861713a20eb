// WFM benchmark: one-week-ahead backtest on the bank call-centre arrivals, and the weekly 24/7
// schedule MIP (336 half-hour intervals). Prints one JSON line on stdout; progress on stderr.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SingleBar } from 'cli-progress';
import {
  forecastMethods,
  parseIntervalCountsCsv,
  requiredAgentsErlangC,
  rollingOriginBacktest,
  type SeriesCalendar,
  solveSchedule,
  weeklyPeriod,
} from '../server/src/wfm/index.ts';
import { consecutiveWorkPatterns } from '../server/src/wfm/shift-patterns.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataArg = process.argv.indexOf('--data');
const dataDir = dataArg > 0 ? (process.argv[dataArg + 1] ?? '') : resolve(repoRoot, '../shared/data');

// --- Forecast backtest at the data's native 5-minute grain (weekdays 07:00–21:00, 169 intervals/day).
const bankCalendar: SeriesCalendar = {
  intervalMinutes: 5,
  openMinute: 7 * 60,
  intervalsPerDay: 169,
  operatingWeekdays: [1, 2, 3, 4, 5],
};
const series = parseIntervalCountsCsv(
  readFileSync(resolve(dataDir, 'arrivals/bank_calls_5min.csv'), 'utf8'),
  bankCalendar,
);
const week = weeklyPeriod(bankCalendar);
const bar = new SingleBar({ format: 'backtest [{bar}] {value}/{total}', stream: process.stderr });
bar.start(1, 0);
const onProgress = (done: number, total: number) => {
  bar.setTotal(total);
  bar.update(done);
};
// Choose on 4 validation origins, then report on the 4 later origins the choice never saw.
const validation = rollingOriginBacktest(series, forecastMethods, {
  horizon: week,
  origins: 4,
  holdOut: 4 * week,
  onProgress,
});
const chosen = validation.methods.reduce((a, b) => (b.mase < a.mase ? b : a)).method;
const evaluation = rollingOriginBacktest(
  series,
  {
    [chosen]: forecastMethods[chosen as keyof typeof forecastMethods],
    seasonal_naive: forecastMethods.seasonal_naive,
  },
  { horizon: week, origins: 4, onProgress },
);
bar.stop();
const scored = (name: string) => {
  const m = evaluation.methods.find((x) => x.method === name);
  if (!m) throw new Error(`missing ${name}`);
  return m;
};
const best = scored(chosen);
const naive = scored('seasonal_naive');

// --- Weekly 24/7 schedule: a synthetic social-care desk (two daily peaks, quieter weekends) staffed
// by Erlang C (AHT 6 min, 80% in 60 s) with 30% shrinkage.
const required: number[] = [];
for (let day = 0; day < 7; day++) {
  for (let i = 0; i < 48; i++) {
    const hour = i / 2;
    const contacts =
      (40 + 160 * Math.exp(-((hour - 11) ** 2) / 18) + 90 * Math.exp(-((hour - 19) ** 2) / 8)) *
      (day >= 5 ? 0.6 : 1);
    const agents = requiredAgentsErlangC(
      { contacts, intervalSeconds: 1800, handleSeconds: 360 },
      { serviceLevel: 0.8, answerSeconds: 60 },
    ).agents;
    required.push(Math.ceil(agents / 0.7));
  }
}
process.stderr.write('solving weekly schedule…\n');
const schedule = await solveSchedule({
  rules: {
    intervalMinutes: 30,
    days: 7,
    startEveryMinutes: 30,
    lengthsMinutes: [360, 480, 540, 600],
    breaks: [
      {
        label: 'meal',
        minShiftMinutes: 360,
        durationMinutes: 30,
        earliestStartMinutes: 180,
        latestStartMinutes: 300,
        isPaid: false,
      },
      {
        label: 'rest',
        minShiftMinutes: 480,
        durationMinutes: 15,
        earliestStartMinutes: 90,
        latestStartMinutes: 150,
        isPaid: true,
      },
    ],
    breakStepMinutes: 60,
    daysOffPatterns: consecutiveWorkPatterns(7, 5),
  },
  required,
  understaffPenalty: 10,
  timeLimitSeconds: 25,
});

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;
console.log(
  JSON.stringify({
    forecast_grain_minutes: 5,
    horizon_intervals: week,
    backtest_origins: evaluation.origins.length,
    chosen_method: chosen,
    mase_chosen: round(best.mase),
    mase_seasonal_naive: round(naive.mase),
    smape_chosen_pct: round(best.smapePct, 2),
    smape_seasonal_naive_pct: round(naive.smapePct, 2),
    wape_chosen_pct: round(best.wapePct, 2),
    wape_seasonal_naive_pct: round(naive.wapePct, 2),
    validation_mase: Object.fromEntries(validation.methods.map((m) => [m.method, round(m.mase)])),
    schedule_solve_s: round(schedule.solveSeconds, 2),
    schedule_gap_to_lp_pct: round(schedule.gapToLpPct, 2),
    schedule_paid_hours: schedule.paidHours,
    schedule_lp_bound_hours: round(schedule.lpBound, 1),
    schedule_understaffed_agent_intervals: round(schedule.understaffedAgentIntervals, 2),
    schedule_tours: schedule.tours.length,
    patterns: schedule.patterns,
    intervals: required.length,
    load_avg_1m: round(loadavg()[0] ?? 0, 2),
  }),
);
