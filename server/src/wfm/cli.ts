import { Command } from 'commander';
import { assignAgents } from './assign-agents.ts';
import { calendarFromOptions, progressBar, readColumns, readText, toCsv, writeOutput } from './cli-io.ts';
import { parseContactsCsv, parseCsvRows, parseIntervalCountsCsv } from './csv.ts';
import { forecastSeries, type SpecialDay } from './forecast.ts';
import type { ForecastMethodName } from './forecast-methods.ts';
import { bucketContacts } from './history.ts';
import { solveScheduleOffThread } from './schedule-thread.ts';
import { aggregateIntervals, intervalStartLabel, operatingDates, weeklyPeriod } from './series.ts';
import { consecutiveWorkPatterns } from './shift-patterns.ts';
import { simulate } from './simulate.ts';
import { planStaffing } from './staffing.ts';

const calendarFlags = (cmd: Command) =>
  cmd
    .option('--interval <minutes>', 'interval length in minutes (15, 30, 60; 5 for raw imports)', '30')
    .option('--open <HH:MM>', 'first interval start', '00:00')
    .option('--close <HH:MM>', 'end of the last interval', '24:00')
    .option('--weekdays <spec>', 'operating ISO weekdays, e.g. 1-5 or 1-7', '1-7');

function readSpecialDays(path: string | undefined): SpecialDay[] {
  if (!path) return [];
  return parseCsvRows(readText(path))
    .slice(1)
    .map(([date, label, multiplier]) => ({
      date: date ?? '',
      label: label ?? 'special day',
      ...(multiplier ? { multiplier: Number(multiplier) } : {}),
    }));
}

function forecastCommand(): Command {
  return calendarFlags(new Command('forecast'))
    .description('forecast interval volumes from history CSV (timestamp,count or one row per contact)')
    .requiredOption('--input <csv>', 'history CSV')
    .option('--contacts', 'input has one row per contact (timestamp[,handle_seconds])')
    .option('--zone <iana>', 'time zone for contact timestamps', 'UTC')
    .option('--aggregate <n>', 'sum n input intervals into one before forecasting', '1')
    .option('--horizon-weeks <n>', 'weeks ahead (1–6)', '1')
    .option('--method <name>', 'auto | seasonal_naive | profile_smoothing | double_seasonal_hw', 'auto')
    .option(
      '--special-days <csv>',
      'date,label[,multiplier] rows: excluded from fitting, flagged in the forecast',
    )
    .option('--out <file>', 'output .csv or .json (default: CSV on stdout)')
    .action((o) => {
      const calendar = calendarFromOptions(o);
      const bar = progressBar('import');
      const text = readText(o.input);
      let series = o.contacts
        ? bucketContacts(parseContactsCsv(text, bar.update), calendar, { zone: o.zone }).volume
        : parseIntervalCountsCsv(text, calendar, bar.update);
      bar.stop();
      if (Number(o.aggregate) > 1) series = aggregateIntervals(series, Number(o.aggregate));
      const weeks = Math.min(6, Math.max(1, Number(o.horizonWeeks)));
      const backtestBar = progressBar('backtest');
      const { forecast, backtest } = forecastSeries(series, {
        horizon: weeks * weeklyPeriod(series.calendar),
        method: o.method as ForecastMethodName | 'auto',
        specialDays: readSpecialDays(o.specialDays),
        onProgress: backtestBar.update,
      });
      backtestBar.stop();
      for (const m of backtest.methods) {
        process.stderr.write(
          `${m.method}: MASE ${m.mase.toFixed(3)} sMAPE ${m.smapePct.toFixed(2)}% WAPE ${m.wapePct.toFixed(2)}%\n`,
        );
      }
      const perDay = series.calendar.intervalsPerDay;
      const dates = operatingDates(
        series.calendar,
        forecast.startDate,
        Math.ceil(forecast.mean.length / perDay),
      );
      const timestamps = forecast.mean.map(
        (_, i) => `${dates[Math.floor(i / perDay)]} ${intervalStartLabel(series.calendar, i % perDay)}`,
      );
      if (o.out?.endsWith('.json')) {
        const report = backtest.methods.map(({ pairs: _pairs, ...m }) => m);
        writeOutput(
          o.out,
          JSON.stringify({ calendar: series.calendar, timestamps, forecast, backtest: report }, null, 2),
        );
        return;
      }
      const header = [
        'timestamp',
        'mean',
        ...forecast.intervals.flatMap((p) => [`lower${p.level * 100}`, `upper${p.level * 100}`]),
      ];
      const rows = forecast.mean.map((m, i) => [
        timestamps[i] ?? '',
        m,
        ...forecast.intervals.flatMap((p) => [p.lower[i] ?? 0, p.upper[i] ?? 0]),
      ]);
      writeOutput(o.out, toCsv(header, rows));
    });
}

function staffCommand(): Command {
  return new Command('staff')
    .description('required agents per interval from a forecast CSV (timestamp,mean)')
    .requiredOption('--forecast <csv>', 'forecast CSV')
    .option('--column <name>', 'volume column', 'mean')
    .option('--interval <minutes>', 'interval length', '30')
    .option('--aht <seconds>', 'average handle time', '300')
    .option('--channel <kind>', 'voice | chat | deferred', 'voice')
    .option('--sl <fraction>', 'service level target', '0.8')
    .option('--answer <seconds>', 'answer-time threshold', '20')
    .option('--patience <seconds>', 'mean patience: switches to Erlang A')
    .option('--concurrency <n>', 'chat: contacts per agent', '2')
    .option('--factors <spec>', 'chat: handle-time factors, e.g. 1:1,2:1.3,3:1.75', '1:1,2:1.3,3:1.75')
    .option('--response <seconds>', 'deferred: response-time target', '3600')
    .option('--max-occupancy <fraction>', 'occupancy cap', '0.9')
    .option('--shrinkage <fraction>', 'shrinkage', '0.3')
    .option('--out <file>', 'output CSV (default stdout)')
    .action((o) => {
      const { timestamps, columns } = readColumns(readText(o.forecast), [o.column]);
      const volume = columns[o.column] ?? [];
      const handleSeconds = Number(o.aht);
      const target = {
        serviceLevel: Number(o.sl),
        answerSeconds: Number(o.answer),
        maxOccupancy: Number(o.maxOccupancy),
      };
      const factors = Object.fromEntries(
        String(o.factors)
          .split(',')
          .map((p: string) => p.split(':').map(Number)),
      );
      const channel =
        o.channel === 'deferred'
          ? {
              kind: 'deferred' as const,
              name: 'deferred',
              volume,
              handleSeconds,
              responseSeconds: Number(o.response),
              maxOccupancy: Number(o.maxOccupancy),
            }
          : {
              kind: 'immediate' as const,
              name: o.channel,
              volume,
              handleSeconds,
              target,
              ...(o.patience ? { model: 'erlangA' as const, patienceSeconds: Number(o.patience) } : {}),
              ...(o.channel === 'chat'
                ? { concurrency: Number(o.concurrency), concurrencyFactors: factors }
                : {}),
            };
      const plan = planStaffing([channel], {
        intervalSeconds: Number(o.interval) * 60,
        shrinkage: Number(o.shrinkage),
      });
      const rows = volume.map((v, i) => [
        timestamps[i] ?? String(i),
        v,
        plan.productive[i] ?? 0,
        plan.scheduled[i] ?? 0,
      ]);
      writeOutput(o.out, toCsv(['timestamp', 'volume', 'productive', 'scheduled'], rows));
    });
}

function scheduleCommand(): Command {
  return new Command('schedule')
    .description(
      'weekly 24/7 shift schedule (HiGHS MIP) from a requirement CSV with one row per interval of the week',
    )
    .requiredOption('--requirements <csv>', 'CSV with a requirement column (e.g. staff output)')
    .option('--column <name>', 'requirement column', 'scheduled')
    .option('--interval <minutes>', 'interval length', '30')
    .option('--start-every <minutes>', 'shift start granularity', '30')
    .option('--lengths <hours>', 'shift lengths in hours', '6,8,9,10')
    .option('--work-days <n>', 'consecutive working days per week', '5')
    .option('--penalty <hours>', 'cost of one agent-interval under requirement', '10')
    .option('--time-limit <seconds>', 'solver time limit', '25')
    .option(
      '--agents <json>',
      'agents to assign: [{id,minHours,maxHours,availability?,preferredStartMinute?}]',
    )
    .option('--out <file>', 'output JSON (default stdout)')
    .action(async (o) => {
      const { columns } = readColumns(readText(o.requirements), [o.column]);
      const rules = {
        intervalMinutes: Number(o.interval),
        days: 7,
        startEveryMinutes: Number(o.startEvery),
        lengthsMinutes: String(o.lengths)
          .split(',')
          .map((h: string) => Number(h) * 60),
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
        daysOffPatterns: consecutiveWorkPatterns(7, Number(o.workDays)),
      };
      // The solve runs in a worker thread, so the bar (elapsed against the time limit) keeps moving.
      const limit = Number(o.timeLimit);
      const bar = progressBar('schedule (s of limit)');
      const started = Date.now();
      const tick = setInterval(
        () => bar.update(Math.min(limit, Math.round((Date.now() - started) / 1000)), limit),
        500,
      );
      const result = await solveScheduleOffThread({
        rules,
        required: columns[o.column] ?? [],
        understaffPenalty: Number(o.penalty),
        timeLimitSeconds: limit,
      }).finally(() => {
        clearInterval(tick);
        bar.stop();
      });
      const assignment = o.agents
        ? await assignAgents(result.tours, JSON.parse(readText(o.agents)))
        : undefined;
      process.stderr.write(
        `paid hours ${result.paidHours}, LP bound ${result.lpBound.toFixed(1)}, gap ${result.gapToLpPct.toFixed(2)}%, ${result.solveSeconds.toFixed(1)} s\n`,
      );
      const tours = result.tours.map((t) => ({
        shift: t.shift.id,
        startMinute: t.shift.startMinute,
        lengthMinutes: t.shift.lengthMinutes,
        days: t.days,
        paidHours: t.paidHours,
      }));
      writeOutput(o.out, JSON.stringify({ ...result, tours, assignment }, null, 2));
    });
}

function simulateCommand(): Command {
  return new Command('simulate')
    .description('discrete-event simulation of staffing against forecast arrivals')
    .requiredOption('--plan <csv>', 'CSV with volume and agents columns (e.g. staff output)')
    .option('--volume-column <name>', 'arrivals column', 'volume')
    .option('--agents-column <name>', 'agents-on-duty column', 'productive')
    .option('--interval <minutes>', 'interval length', '30')
    .option('--aht <seconds>', 'mean handle time (exponential)', '300')
    .option('--patience <seconds>', 'mean patience (exponential); omit for none')
    .option('--answer <seconds>', 'service-level threshold', '20')
    .option('--replications <n>', 'independent runs', '20')
    .option('--seed <n>', 'random seed', '1')
    .option('--out <file>', 'output CSV (default stdout)')
    .action((o) => {
      const { timestamps, columns } = readColumns(readText(o.plan), [o.volumeColumn, o.agentsColumn]);
      const volume = columns[o.volumeColumn] ?? [];
      const agents = columns[o.agentsColumn] ?? [];
      const bar = progressBar('simulate');
      const result = simulate(
        {
          intervalSeconds: Number(o.interval) * 60,
          intervals: volume.map((v, i) => ({ expectedArrivals: v, agents: agents[i] ?? 0 })),
          handle: { kind: 'exponential', meanSeconds: Number(o.aht) },
          ...(o.patience ? { patienceSeconds: Number(o.patience) } : {}),
          answerSeconds: Number(o.answer),
          replications: Number(o.replications),
          seed: Number(o.seed),
        },
        bar.update,
      );
      bar.stop();
      const rows = result.intervals.map((r, i) => [
        timestamps[i] ?? String(i),
        r.offered / Number(o.replications),
        r.serviceLevel,
        r.asaSeconds,
        r.abandonRate,
      ]);
      writeOutput(
        o.out,
        toCsv(['timestamp', 'offered_per_run', 'service_level', 'asa_seconds', 'abandon_rate'], rows),
      );
    });
}

/** `wfm forecast|staff|schedule|simulate`, to be mounted under the `parley` CLI. */
export function buildWfmCommand(): Command {
  return new Command('wfm')
    .description('workforce management: forecast, staff, schedule, simulate')
    .addCommand(forecastCommand())
    .addCommand(staffCommand())
    .addCommand(scheduleCommand())
    .addCommand(simulateCommand());
}
