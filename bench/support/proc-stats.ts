// CPU time and memory of processes, read from /proc (Linux): an app server by its pid, and a
// PostgreSQL server as its postmaster plus every backend it forked, live or already gone.
import fs from 'node:fs';
import pg from 'pg';

const TICKS_PER_SECOND = 100;

/** The fields after "(comm)" of /proc/<pid>/stat; index 0 is the state (field 3). */
function statFields(pid: number): string[] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null; // gone
  }
}

/** User plus system CPU seconds of one process (0 when it is gone). */
export function cpuSeconds(pid: number): number {
  const f = statFields(pid);
  return f ? (Number(f[11]) + Number(f[12])) / TICKS_PER_SECOND : 0; // utime, stime
}

/** Resident memory now and at its peak, in MB, from /proc/<pid>/status. */
export function memoryMb(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

function parentOf(pid: number): number | null {
  const f = statFields(pid);
  return f ? Number(f[1]) : null;
}

/** The postmaster of the PostgreSQL server at `url` (on this machine): the parent of our own backend. */
export async function postmasterPid(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const parent = parentOf(rows[0].pid);
    if (!parent) throw new Error('cannot read the PostgreSQL backend from /proc: is the server on another machine?');
    return parent;
  } finally {
    await client.end();
  }
}

/**
 * CPU seconds of a PostgreSQL server: the postmaster, the time of the backends it has already
 * reaped (cutime, cstime) and every live child. Differences between two readings are the
 * server's CPU in between, whether its backends lived through it or not.
 */
export function serverCpuSeconds(postmaster: number): number {
  const own = statFields(postmaster);
  if (!own) return 0;
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const f = statFields(Number(entry));
    if (f && Number(f[1]) === postmaster) ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks / TICKS_PER_SECOND;
}
