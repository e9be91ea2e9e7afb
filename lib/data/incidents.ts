import 'server-only';
import { getDb } from '@/lib/db/client';
import type { Incident } from '@/lib/generated/prisma/client';

/** A monitor's incidents, newest first. The caller must own monitorId (see lib/data/monitors). */
export function incidentsOfMonitor(monitorId: string, limit: number): Promise<Incident[]> {
  return getDb().incident.findMany({ where: { monitorId }, orderBy: { startedAt: 'desc' }, take: limit });
}

/** The first error of each monitor's open incident (why it is DOWN or DEGRADED). The caller must own the monitors. */
export async function openIncidentReasons(monitorIds: string[]): Promise<Map<string, string | null>> {
  const rows = await getDb().incident.findMany({ where: { openFor: { in: monitorIds } }, select: { monitorId: true, firstError: true } });
  return new Map(rows.map((r) => [r.monitorId, r.firstError]));
}
