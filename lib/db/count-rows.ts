import type { CountRow, DailyCountRow, RecentCheckRow } from '@/lib/db/dialect';

// Drivers hand back counts and sums as number, bigint or (PostgreSQL's numeric) string; every
// engine's statements turn them into plain numbers here.

export type Num = number | bigint | string | null;

export const num = (v: Num): number => Number(v ?? 0);

export interface RawCounts {
  total: Num;
  up: Num;
  latencySum: Num;
  latencyCount: Num;
  maintenanceTotal: Num;
  maintenanceUp: Num;
}

/** The numeric fields every count row has. */
export function counts(r: RawCounts): Omit<CountRow, 'monitorId'> {
  return {
    total: num(r.total),
    up: num(r.up),
    latencySum: num(r.latencySum),
    latencyCount: num(r.latencyCount),
    maintenanceTotal: num(r.maintenanceTotal),
    maintenanceUp: num(r.maintenanceUp),
  };
}

// Statements that return many rows send them as one JSON array in one row: the driver
// adapters decode rows one value at a time, which took ten times as long as JSON.parse.

/** The JSON array a statement returned (SQLite sends text, PostgreSQL text or parsed json). */
function jsonArray<T>(value: string | unknown[] | null): T[] {
  if (value === null) return [];
  return (typeof value === 'string' ? JSON.parse(value) : value) as T[];
}

/** Count rows sent as one JSON array of [monitorId, total, up, latencySum, latencyCount, maintenanceTotal, maintenanceUp]. */
export function countRowsFromJson(value: string | unknown[] | null): CountRow[] {
  return jsonArray<[string, Num, Num, Num, Num, Num, Num]>(value).map(([monitorId, total, up, latencySum, latencyCount, maintenanceTotal, maintenanceUp]) => ({
    monitorId,
    ...counts({ total, up, latencySum, latencyCount, maintenanceTotal, maintenanceUp }),
  }));
}

/**
 * Recent checks sent as one JSON array of [monitorId, [[status, latencyMs, cause, checkedAtMs], ...] | null],
 * flattened oldest first within each monitor (aggregate order is not something SQL promises).
 */
export function recentRowsFromJson(value: string | unknown[] | null): RecentCheckRow[] {
  const out: RecentCheckRow[] = [];
  for (const [monitorId, checks] of jsonArray<[string, Array<[RecentCheckRow['status'], Num, string | null, Num]> | null]>(value)) {
    const rows = (checks ?? []).map(([status, latencyMs, cause, at]) => ({
      monitorId,
      status,
      latencyMs: latencyMs === null ? null : Number(latencyMs),
      cause,
      checkedAtMs: num(at),
    }));
    rows.sort((a, b) => a.checkedAtMs - b.checkedAtMs);
    out.push(...rows);
  }
  return out;
}

/** Daily rollup rows sent as one JSON array of [monitorId, dayStartMs, total, up, latencySum, latencyCount, maintenanceTotal, maintenanceUp]. */
export function dailyRowsFromJson(value: string | unknown[] | null): DailyCountRow[] {
  const rows = jsonArray<[string, Num, Num, Num, Num, Num, Num, Num]>(value);
  return rows.map(([monitorId, day, total, up, latencySum, latencyCount, maintenanceTotal, maintenanceUp]) => ({
    monitorId,
    dayStartMs: num(day),
    ...counts({ total, up, latencySum, latencyCount, maintenanceTotal, maintenanceUp }),
  }));
}
