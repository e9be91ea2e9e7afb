// "Check" is partitioned by day on checkedAt (PostgreSQL's declarative partitioning), so
// retention drops whole days instead of deleting rows one by one. Partitions are named
// Check_pYYYYMMDD and cover [that day 00:00 UTC, the next day 00:00 UTC). Check_default (made
// by the migration) takes a check stamped outside them, so a clock far off never fails a batch;
// retention deletes its old rows one by one.

const DAY_MS = 86_400_000;
/** Days of partitions kept ready beyond today; maintenance tops them up every hour. */
export const DAYS_AHEAD = 7;
/** Days before today made too, for checks stamped just before midnight and written just after. */
const DAYS_BEHIND = 1;

/** Serialises partition changes across instances (migration, maintenance). */
export const PARTITION_LOCK = 72_707_002;

export type RunSql = (sql: string) => Promise<void>;

function dayName(dayStartMs: number): string {
  return `Check_p${new Date(dayStartMs).toISOString().slice(0, 10).replaceAll('-', '')}`;
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

export function partitionsFor(nowMs: number): Array<{ name: string; from: number; to: number }> {
  const today = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const days = [];
  for (let d = -DAYS_BEHIND; d <= DAYS_AHEAD; d++) {
    const from = today + d * DAY_MS;
    days.push({ name: dayName(from), from, to: from + DAY_MS });
  }
  return days;
}

/**
 * Creates the missing day partitions around now. Run it under a lock (the migration's, or the
 * maintenance leader's) so two instances do not create the same one at once.
 */
export async function ensureCheckPartitions(run: RunSql, nowMs: number): Promise<void> {
  for (const p of partitionsFor(nowMs)) {
    await run(`CREATE TABLE IF NOT EXISTS "${p.name}" PARTITION OF "Check" FOR VALUES FROM ('${stamp(p.from)}') TO ('${stamp(p.to)}')`);
  }
}

/** The partition names whose whole day lies before the cutoff. */
export function partitionsBefore(names: string[], cutoffMs: number): string[] {
  return names.filter((name) => {
    const m = /^Check_p(\d{4})(\d{2})(\d{2})$/.exec(name);
    if (!m) return false;
    const end = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + DAY_MS;
    return end <= cutoffMs;
  });
}
