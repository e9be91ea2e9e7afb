import 'server-only';
import { getDb } from '@/lib/db/client';
import { addToRollups, insertCheckRows, type NewCheck } from '@/lib/data/checks';
import { updateMonitorSummaries, type MonitorSummary } from '@/lib/data/monitor-state';

/**
 * One write batch of the worker in one transaction: every new check row, the hourly and daily rollups
 * and the last-check summary of each monitor. Results of monitors deleted meanwhile are
 * dropped rather than failing the whole batch on a foreign key.
 */
export async function storeCheckBatch(rows: NewCheck[], latest: Map<string, MonitorSummary>): Promise<void> {
  const db = getDb();
  const ids = [...new Set(rows.map((r) => r.monitorId))];
  const alive = new Set((await db.monitor.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((m) => m.id));
  const checks = rows.filter((r) => alive.has(r.monitorId));
  const summaries = [...latest].filter(([id]) => alive.has(id));
  await db.$transaction([insertCheckRows(checks), addToRollups(checks, 'hour'), addToRollups(checks, 'day'), updateMonitorSummaries(summaries)]);
}
