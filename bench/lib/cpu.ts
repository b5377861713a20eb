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
