import type { CountRow } from '@/lib/db/dialect';

// Drivers hand back counts and sums as number, bigint or (PostgreSQL's numeric) string; every
// engine's statements turn them into plain numbers here.

export type Num = number | bigint | string | null;

export const num = (v: Num): number => Number(v ?? 0);

export function countRows(rows: Array<{ monitorId: string; total: Num; up: Num; latencySum: Num; latencyCount: Num }>): CountRow[] {
  return rows.map((r) => ({ monitorId: r.monitorId, total: num(r.total), up: num(r.up), latencySum: num(r.latencySum), latencyCount: num(r.latencyCount) }));
}
