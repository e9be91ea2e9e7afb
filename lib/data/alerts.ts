import 'server-only';
import { getDb } from '@/lib/db/client';
import type { Alert, AlertKind, AlertOutcome } from '@/lib/generated/prisma/client';

// The Alert table is the alert history and the exactly-once memory: a DOWN/UP alert whose row
// says sent or skipped is never sent again, across restarts.

export interface NewAlert {
  monitorId: string;
  incidentId: string | null;
  kind: AlertKind;
  channel: string;
  recipient: string;
  outcome: AlertOutcome;
  error: string | null;
  cause: string | null;
  createdAt: Date;
}

export async function insertAlert(alert: NewAlert): Promise<void> {
  await getDb().alert.create({ data: alert, select: { id: true } });
}

/** Whether a DOWN/UP alert for this incident was already delivered (or deliberately skipped). */
export async function hasDeliveredAlert(incidentId: string, kind: AlertKind): Promise<boolean> {
  const row = await getDb().alert.findFirst({
    where: { incidentId, kind, outcome: { in: ['sent', 'skipped'] } },
    select: { id: true },
  });
  return row !== null;
}

/** The caller must own monitorId (see lib/data/monitors). */
export function alertsOfMonitor(monitorId: string, limit: number): Promise<Alert[]> {
  return getDb().alert.findMany({ where: { monitorId }, orderBy: { createdAt: 'desc' }, take: limit });
}

/**
 * Incidents started (DOWN) or ended (UP) since `since` whose alert was never attempted (no
 * Alert row of that kind at all), oldest first, with what an alert needs to name the monitor.
 */
export function incidentsWithUnsentAlerts(since: Date) {
  return getDb().incident.findMany({
    where: {
      OR: [
        { startedAt: { gte: since }, alerts: { none: { kind: 'DOWN' } } },
        { endedAt: { gte: since }, alerts: { none: { kind: 'UP' } } },
      ],
    },
    orderBy: { startedAt: 'asc' },
    select: {
      id: true,
      startedAt: true,
      endedAt: true,
      cause: true,
      firstError: true,
      lastError: true,
      alerts: { where: { kind: { in: ['DOWN', 'UP'] } }, select: { kind: true } },
      monitor: {
        select: { id: true, name: true, type: true, url: true, host: true, port: true, user: { select: { email: true } } },
      },
    },
  });
}
