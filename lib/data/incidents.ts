import 'server-only';
import { getDb } from '@/lib/db/client';
import type { Incident } from '@/lib/generated/prisma/client';

/** A monitor's incidents, newest first. The caller must own monitorId (see lib/data/monitors). */
export function incidentsOfMonitor(monitorId: string, limit: number): Promise<Incident[]> {
  return getDb().incident.findMany({ where: { monitorId }, orderBy: { startedAt: 'desc' }, take: limit });
}
