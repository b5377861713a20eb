import { readdirSync, readFileSync } from 'node:fs';

// CPU time from /proc, so a benchmark can report work per event: unlike rates, CPU milliseconds per
// event barely move when other jobs share the machine.
const TICK_MS = 10; // USER_HZ is 100 on Linux

function ticksOf(pid: number | string): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return 0; // the process ended
  }
}

function commOf(pid: string): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/** CPU milliseconds used so far by one process, or by every process named `comm` (e.g. postgres). */
export function cpuMs(target: { pid: number } | { comm: string }): number {
  if ('pid' in target) return ticksOf(target.pid) * TICK_MS;
  let ticks = 0;
  for (const pid of readdirSync('/proc'))
    if (/^\d+$/.test(pid) && commOf(pid) === target.comm) ticks += ticksOf(pid);
  return ticks * TICK_MS;
}

/** CPU ticks of every live process named `comm`, by pid: the start of a `cpuMsSince` measurement. */
export function cpuSnapshot(comm: string): { comm: string; ticks: Map<string, number> } {
  const ticks = new Map<string, number>();
  for (const pid of readdirSync('/proc'))
    if (/^\d+$/.test(pid) && commOf(pid) === comm) ticks.set(pid, ticksOf(pid));
  return { comm, ticks };
}

/**
 * CPU milliseconds the processes named like the snapshot's used since it was taken, per process, so
 * one that ended meanwhile (another client's PostgreSQL backend) cannot make the sum go negative;
 * processes started meanwhile count from zero.
 */
export function cpuMsSince(start: { comm: string; ticks: Map<string, number> }): number {
  let ticks = 0;
  for (const [pid, now] of cpuSnapshot(start.comm).ticks)
    ticks += Math.max(0, now - (start.ticks.get(pid) ?? 0));
  return ticks * TICK_MS;
}
