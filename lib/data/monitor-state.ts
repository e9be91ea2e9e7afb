import 'server-only';
import { getDb, getDialect } from '@/lib/db/client';
import type { Queryable } from '@/lib/db/dialect';
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
  lastCheck: {
    lastCheckedAt: Date;
    lastLatencyMs: number | null;
    lastStatusCode: number | null;
    lastError: string | null;
    lastCause: string | null;
    certExpiresAt?: Date;
    certIssuer?: string;
  };
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

/** The last-check fields of a monitor, as the batched result writer stores them. */
export interface MonitorSummary {
  lastCheckedAt: Date;
  lastLatencyMs: number | null;
  lastStatusCode: number | null;
  lastError: string | null;
  lastCause: string | null;
  consecutiveFailures: number;
  /** Absent: the stored certificate is kept (the check saw none). */
  certExpiresAt?: Date;
  certIssuer?: string;
}

/** Every summary of a write batch in one UPDATE (see the dialect for why not one update per monitor). */
export function updateMonitorSummaries(summaries: Array<[monitorId: string, summary: MonitorSummary]>, db: Queryable = getDb()) {
  const rows = summaries.map(([id, s]) => ({
    id,
    atMs: s.lastCheckedAt.getTime(),
    latency: s.lastLatencyMs,
    code: s.lastStatusCode,
    error: s.lastError,
    cause: s.lastCause,
    failures: s.consecutiveFailures,
    certAtMs: s.certExpiresAt?.getTime() ?? null,
    issuer: s.certIssuer ?? null,
  }));
  return getDialect().sql.updateMonitorSummaries(db, rows, Date.now());
}

/** Remembers that a certificate alert went out, keyed by the certificate's expiry, so each crossing alerts once. */
export async function markCertificateAlerted(monitorId: string, kind: 'CERT_EXPIRING' | 'CERT_EXPIRED', validTo: Date): Promise<void> {
  await getDb().monitor.updateMany({
    where: { id: monitorId },
    data: kind === 'CERT_EXPIRED' ? { certExpiredWarnedFor: validTo } : { certWarnedFor: validTo },
  });
}
