import type { CountRow, DailyCountRow } from '@/lib/db/dialect';

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

export function countRows(rows: Array<RawCounts & { monitorId: string }>): CountRow[] {
  return rows.map((r) => ({ monitorId: r.monitorId, ...counts(r) }));
}

/** Daily rollup rows sent as one JSON array of [monitorId, dayStartMs, total, up, latencySum, latencyCount, maintenanceTotal, maintenanceUp]. */
export function dailyRowsFromJson(text: string | unknown[] | null): DailyCountRow[] {
  if (text === null) return [];
  const rows = (typeof text === 'string' ? JSON.parse(text) : text) as Array<[string, Num, Num, Num, Num, Num, Num, Num]>;
  return rows.map(([monitorId, day, total, up, latencySum, latencyCount, maintenanceTotal, maintenanceUp]) => ({
    monitorId,
    dayStartMs: num(day),
    ...counts({ total, up, latencySum, latencyCount, maintenanceTotal, maintenanceUp }),
  }));
}
