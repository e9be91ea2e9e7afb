import { getDb } from '@/lib/db/client';
import type { Incident, Monitor, MonitorStatus } from '@/lib/generated/prisma/client';

// System-level access for the worker, which acts for every user. Nothing here is reachable
// from a request without going through lib/data/monitors first.

export function loadActiveMonitors(): Promise<Monitor[]> {
  return getDb().monitor.findMany({ where: { active: true } });
}

export function loadMonitor(id: string): Promise<Monitor | null> {
  return getDb().monitor.findUnique({ where: { id } });
}

export async function ownerEmail(monitorId: string): Promise<string | null> {
  const row = await getDb().monitor.findUnique({ where: { id: monitorId }, select: { user: { select: { email: true } } } });
  return row?.user.email ?? null;
}

export function findOpenIncident(monitorId: string): Promise<Incident | null> {
  return getDb().incident.findFirst({ where: { monitorId, endedAt: null }, orderBy: { startedAt: 'desc' } });
}

export interface StatusChange {
  monitorId: string;
  status: MonitorStatus;
  at: Date;
  consecutiveFailures: number;
  cause: string | null;
  error: string | null;
  /** The deciding check's summary, written with the status so readers never see DOWN without its reason. */
  lastCheck: { lastCheckedAt: Date; lastLatencyMs: number | null; lastStatusCode: number | null; lastError: string | null; lastCause: string | null };
}

/**
 * Persists a status change together with its incident: opened on DOWN, closed on UP.
 * Awaited before any alert is sent, so after a restart the worker resumes from the
 * stored status and never alerts twice for one change.
 */
export async function recordStatusChange(change: StatusChange, event: 'DOWN' | 'UP' | null): Promise<Incident | null> {
  return getDb().$transaction(async (tx) => {
    await tx.monitor.updateMany({
      where: { id: change.monitorId },
      data: { status: change.status, statusChangedAt: change.at, consecutiveFailures: change.consecutiveFailures, ...change.lastCheck },
    });
    const open = await tx.incident.findFirst({ where: { monitorId: change.monitorId, endedAt: null }, orderBy: { startedAt: 'desc' } });
    if (event === 'DOWN') {
      if (open) return open;
      return tx.incident.create({
        data: { monitorId: change.monitorId, startedAt: change.at, cause: change.cause, firstError: change.error, lastError: change.error },
      });
    }
    if (event === 'UP' && open) {
      return tx.incident.update({ where: { id: open.id }, data: { endedAt: change.at } });
    }
    return null;
  });
}

export async function noteIncidentError(incidentId: string, error: string | null): Promise<void> {
  await getDb().incident.updateMany({ where: { id: incidentId }, data: { lastError: error } });
}

export async function markReminderSent(incidentId: string, at: Date): Promise<void> {
  await getDb().incident.updateMany({ where: { id: incidentId }, data: { lastReminderAt: at } });
}

export async function recordHeartbeat(monitorId: string, at: Date): Promise<void> {
  await getDb().monitor.updateMany({ where: { id: monitorId }, data: { lastHeartbeatAt: at } });
}

export function findMonitorByHeartbeatToken(token: string): Promise<Monitor | null> {
  return getDb().monitor.findUnique({ where: { heartbeatToken: token } });
}
