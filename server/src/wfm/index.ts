export {
  type Agent,
  type AssignmentResult,
  type AvailabilityWindow,
  assignAgents,
  canWork,
} from './assign-agents.ts';
export {
  type AccuracyMetrics,
  type BacktestReport,
  rollingOriginBacktest,
  seasonalNaiveScale,
} from './backtest.ts';
export {
  formatSeriesCsv,
  type ProgressCallback,
  parseContactsCsv,
  parseCsvRows,
  parseIntervalCountsCsv,
} from './csv.ts';
export {
  type ErlangCInput,
  type ErlangCMetrics,
  erlangB,
  erlangC,
  erlangCMetrics,
  requiredAgentsErlangC,
  type ServiceTarget,
  trafficErlangs,
} from './erlang.ts';
export { type ErlangAInput, type ErlangAMetrics, erlangAMetrics, requiredAgentsErlangA } from './erlang-a.ts';
export {
  excludeSpecialDays,
  type Forecast,
  type ForecastOptions,
  type ForecastResult,
  forecastMethods,
  forecastSeries,
  type PredictionInterval,
  type SpecialDay,
} from './forecast.ts';
export { type ForecastMethodName, profileSmoothing, seasonalNaive } from './forecast-methods.ts';
export { type BucketedHistory, bucketContacts, type ContactRecord } from './history.ts';
export { doubleSeasonalHoltWinters, fitHoltWinters } from './holt-winters.ts';
export { intradayStaffingGap, reforecastIntraday } from './intraday.ts';
export {
  type ScheduleProblem,
  type ScheduleResult,
  solveSchedule,
  type Tour,
  tourCoverage,
} from './schedule.ts';
export {
  aggregateIntervals,
  calendar24x7,
  type IntervalSeries,
  intervalStartLabel,
  type SeriesCalendar,
  seriesDates,
  sliceDays,
  weeklyPeriod,
} from './series.ts';
export {
  type BreakRule,
  buildShiftTypes,
  consecutiveWorkPatterns,
  type ShiftRules,
} from './shift-patterns.ts';
export { type SimulationConfig, type SimulationResult, simulate } from './simulate.ts';
export {
  type Channel,
  type ConcurrencyFactors,
  effectiveHandleSeconds,
  planStaffing,
  type StaffingPlan,
  staffDeferred,
  staffImmediate,
} from './staffing.ts';
