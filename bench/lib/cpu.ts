// CPU time per operation, per process, from /proc (utime + stime): which process an operation's
// cost lands in — each service, PostgreSQL (all its backends) and the load generator (this
// process). A CPU profile cannot say this: it samples one process by wall clock, so time the
// process spent preempted inside a syscall (writev to a peer it just woke) reads as its own.
import { readdirSync, readFileSync } from 'node:fs';

const TICK_US = 10_000; // USER_HZ is 100 on Linux

/** utime + stime of a process in µs; 0 once it is gone. */
function cpuMicros(pid: number | 'self'): number {
  try {
    // Fields after the `(comm)`: state is 1st, utime the 12th, stime the 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_US;
  } catch {
    return 0;
  }
}

function postgresPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').startsWith('postgres')) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

export type CpuShare = Record<string, number>;

/** Starts counting for the named service pids, PostgreSQL and this process; `stop(ops)` gives µs per op. */
export function startCpuCount(services: Record<string, number>): { stop(ops: number): CpuShare } {
  const pg = postgresPids();
  const read = (): Record<string, number> => ({
    ...Object.fromEntries(Object.entries(services).map(([name, pid]) => [name, cpuMicros(pid)])),
    postgres: pg.reduce((sum, pid) => sum + cpuMicros(pid), 0),
    'load generator': cpuMicros('self'),
  });
  const before = read();
  return {
    stop(ops) {
      const after = read();
      return Object.fromEntries(Object.entries(after).map(([name, us]) => [name, ops > 0 ? (us - before[name]!) / ops : 0]));
    },
  };
}
