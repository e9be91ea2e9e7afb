import 'server-only';
import { getDb, getDialect } from '@/lib/db/client';
import type { Queryable } from '@/lib/db/dialect';
import type { AlertKind, ChannelKind, Incident, IncidentKind, Monitor, MonitorStatus } from '@/lib/generated/prisma/client';
import type { MonitorState } from '@/lib/domain/transition';
import { addAlertEvent } from '@/lib/data/alert-events';

// System-level access for the worker, which acts for every user. Nothing here is reachable
// from a request without going through lib/data/monitors first.

export function loadActiveMonitors(): Promise<Monitor[]> {
  return getDb().monitor.findMany({ where: { active: true } });
}

export function loadMonitor(id: string): Promise<Monitor | null> {
  return getDb().monitor.findUnique({ where: { id } });
}

export function findOpenIncident(monitorId: string): Promise<Incident | null> {
  return getDb().incident.findUnique({ where: { openFor: monitorId } });
}

export interface StatusChange {
  monitorId: string;
  /** The status this change starts from: it is stored only if the monitor still has it. */
  from: MonitorStatus;
  /** The monitor's state after the change (status and the counts toward the next one). */
  state: MonitorState;
  /** When it happened: the first check of the run that confirmed it, which dates the incident. */
  at: Date;
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

/** What an alert event needs to name the monitor, which channel kinds take the event, and how long it waits for company. */
export interface AlertContext {
  monitorName: string;
  monitorTarget: string;
  channelKindsFor: (kind: AlertKind) => readonly ChannelKind[];
  /** How long DOWN, UP, DEGRADED and DEGRADED_RESOLVED wait on a channel of this kind, so changes of several monitors share one message. */
  holdMs: (channelKind: ChannelKind) => number;
}

export type StatusEvent = 'DOWN' | 'UP' | 'DEGRADED' | 'DEGRADED_RESOLVED';

/** Which incident an event opens or closes. */
const INCIDENT_OF: Record<StatusEvent, { kind: IncidentKind; opens: boolean }> = {
  DOWN: { kind: 'DOWN', opens: true },
  UP: { kind: 'DOWN', opens: false },
  DEGRADED: { kind: 'DEGRADED', opens: true },
  DEGRADED_RESOLVED: { kind: 'DEGRADED', opens: false },
};

/**
 * Persists a status change together with its incident (DOWN and DEGRADED open one of their
 * kind, UP and DEGRADED_RESOLVED close it) and, in the same transaction, the alert it owes: one
 * event, one delivery per channel. So the alert exists exactly when the change does, and a
 * restart resumes both from the database.
 *
 * The change is conditional on the monitor still having `from`: when another instance (a
 * previous owner) stored a change first, nothing is written and `applied` is false, so the
 * caller re-reads the state instead of alerting twice. Incident.openFor is unique, so the
 * database refuses a second open incident of one monitor whatever races: a DEGRADED monitor
 * that goes DOWN has its slowness incident closed first.
 */
export async function recordStatusChange(
  change: StatusChange,
  event: StatusEvent | null,
  alert: AlertContext,
): Promise<{ applied: boolean; incident: Incident | null; deliveries: number }> {
  return getDb().$transaction(async (tx) => {
    const { status, consecutiveFailures, failingSince, streak, streakSince } = change.state;
    const moved = await tx.monitor.updateMany({
      where: { id: change.monitorId, status: change.from },
      data: { status, statusChangedAt: change.at, consecutiveFailures, failingSince, streak, streakSince, ...change.lastCheck },
    });
    if (moved.count === 0) return { applied: false, incident: null, deliveries: 0 };
    let open = await tx.incident.findUnique({ where: { openFor: change.monitorId } });
    if (!event) return { applied: true, incident: null, deliveries: 0 };
    const { kind, opens } = INCIDENT_OF[event];
    if (open && open.kind !== kind) {
      // Slowness ends where the outage begins (and an outage's end is no slowness's end).
      if (opens) await tx.incident.update({ where: { id: open.id }, data: { endedAt: change.at, openFor: null } });
      open = null;
    }
    let incident: Incident | null = null;
    if (opens) {
      incident =
        open ??
        (await tx.incident.create({
          data: { monitorId: change.monitorId, openFor: change.monitorId, kind, startedAt: change.at, cause: change.cause, firstError: change.error, lastError: change.error },
        }));
    } else if (open) {
      incident = await tx.incident.update({ where: { id: open.id }, data: { endedAt: change.at, openFor: null } });
    }
    if (!incident) return { applied: true, incident, deliveries: 0 };
    const added = await addAlertEvent(tx, {
      kind: event,
      dedupKey: `${incident.id}:${event}`,
      monitorId: change.monitorId,
      incidentId: incident.id,
      at: change.at,
      monitorName: alert.monitorName,
      monitorTarget: alert.monitorTarget,
      cause: opens ? change.cause : incident.cause,
      error: opens ? change.error : incident.lastError,
      downtimeMs: opens ? null : Math.max(0, change.at.getTime() - incident.startedAt.getTime()),
      certExpiresAt: null,
      channelKinds: alert.channelKindsFor(event),
      holdMs: alert.holdMs,
    });
    return { applied: true, incident, deliveries: added?.deliveries ?? 0 };
  });
}

/** The stored status of a monitor, for a worker whose conditional change found it moved on. */
export function loadMonitorState(id: string): Promise<MonitorState | null> {
  return getDb().monitor.findUnique({ where: { id }, select: { status: true, consecutiveFailures: true, failingSince: true, streak: true, streakSince: true } });
}

/** A "still down" reminder: marks it sent and owes it on every channel, in one transaction. */
export async function recordReminder(incident: Incident, at: Date, details: { cause: string | null; error: string | null }, alert: AlertContext): Promise<number> {
  return getDb().$transaction(async (tx) => {
    // Conditional on the previous reminder time, so two processes cannot both send this one.
    const claim = await tx.incident.updateMany({ where: { id: incident.id, lastReminderAt: incident.lastReminderAt }, data: { lastReminderAt: at } });
    if (claim.count === 0) return 0;
    const added = await addAlertEvent(tx, {
      kind: 'REMINDER',
      dedupKey: `${incident.id}:REMINDER:${at.getTime()}`,
      monitorId: incident.monitorId,
      incidentId: incident.id,
      at,
      monitorName: alert.monitorName,
      monitorTarget: alert.monitorTarget,
      ...details,
      downtimeMs: at.getTime() - incident.startedAt.getTime(),
      certExpiresAt: null,
      channelKinds: alert.channelKindsFor('REMINDER'),
    });
    return added?.deliveries ?? 0;
  });
}

/** A certificate warning, once per certificate (keyed by its expiry) and kind. */
export async function recordCertificateAlert(
  monitorId: string,
  kind: 'CERT_EXPIRING' | 'CERT_EXPIRED',
  validTo: Date,
  details: { at: Date; message: string },
  alert: AlertContext,
): Promise<number> {
  return getDb().$transaction(async (tx) => {
    await tx.monitor.updateMany({
      where: { id: monitorId },
      data: kind === 'CERT_EXPIRED' ? { certExpiredWarnedFor: validTo } : { certWarnedFor: validTo },
    });
    const added = await addAlertEvent(tx, {
      kind,
      dedupKey: `cert:${monitorId}:${kind}:${validTo.getTime()}`,
      monitorId,
      incidentId: null,
      at: details.at,
      monitorName: alert.monitorName,
      monitorTarget: alert.monitorTarget,
      cause: 'tls_error',
      error: details.message,
      downtimeMs: null,
      certExpiresAt: validTo,
      channelKinds: alert.channelKindsFor(kind),
    });
    return added?.deliveries ?? 0;
  });
}

export async function noteIncidentError(incidentId: string, error: string | null): Promise<void> {
  await getDb().incident.updateMany({ where: { id: incidentId }, data: { lastError: error } });
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
  failingSince: Date | null;
  streak: number;
  streakSince: Date | null;
  /** How long the check waited for the per-host cap before it started. */
  hostWaitMs?: number;
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
    failingSinceMs: s.failingSince?.getTime() ?? null,
    streak: s.streak,
    streakSinceMs: s.streakSince?.getTime() ?? null,
    hostWaitMs: s.hostWaitMs ?? 0,
    certAtMs: s.certExpiresAt?.getTime() ?? null,
    issuer: s.certIssuer ?? null,
  }));
  return getDialect().sql.updateMonitorSummaries(db, rows, Date.now());
}

