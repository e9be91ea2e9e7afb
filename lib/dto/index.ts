import type { Check, Incident, Monitor } from '@/lib/generated/prisma/client';
import type { MonitorDelivery } from '@/lib/data/deliveries';
import { rowToFields } from '@/lib/data/monitor-row';
import { getEnv } from '@/lib/env';
import type { MaintenanceNow } from '@/lib/domain/maintenance-calendar';
import type { MaintenanceAwareUptime } from '@/lib/domain/uptime';
import { phaseOf } from '@/lib/domain/transition';
import { readThresholds } from '@/lib/domain/degraded';

// Responses are built field by field from rows, never by spreading a row, so a new
// column (or a secret one) can never leak into the API by accident.

export const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

/** `channelIds` and `hasWorkingChannel` come from lib/services/monitor-alerting when the caller has them. */
/** A monitor inside a maintenance window reads MAINTENANCE (the window's failures alert nobody); `maintenance` says which. */
export type MonitorDtoStatus = Monitor['status'] | 'MAINTENANCE';

/**
 * Where a monitor is between statuses: `retrying` while failures are not confirmed yet
 * (`attempt` failed checks of `of` = retries + 1), `recovering` while a DOWN monitor has fewer
 * successes than its successThreshold. All null otherwise, and for paused monitors.
 */
export function phaseDto(m: { active: boolean; type: string; status: Monitor['status']; consecutiveFailures: number; streak: number; retries: number; successThreshold: number }) {
  // Push monitors have no retries: a missed heartbeat is DOWN at once.
  const retries = m.type === 'heartbeat' ? 0 : m.retries;
  const p = m.active ? phaseOf(m, { retries, successThreshold: m.successThreshold }) : null;
  return { phase: p?.phase ?? null, attempt: p?.attempt ?? null, of: p?.of ?? null };
}

export function monitorDto(
  m: Monitor & { channelIds?: string[]; hasWorkingChannel?: boolean; tagIds?: string[]; maintenance?: MaintenanceNow | null; degradedReason?: string | null },
) {
  const f = rowToFields(m);
  const maintenance = m.maintenance ?? null;
  return {
    id: m.id,
    name: m.name,
    type: m.type,
    url: m.url,
    method: m.method,
    intervalSeconds: m.intervalSeconds,
    timeoutSeconds: m.timeoutSeconds,
    active: m.active,
    status: (m.active && maintenance ? 'MAINTENANCE' : m.status) as MonitorDtoStatus,
    maintenance: maintenance ? { id: maintenance.id, title: maintenance.title, start: maintenance.start.toISOString(), end: maintenance.end.toISOString() } : null,
    statusChangedAt: iso(m.statusChangedAt),
    /** Failures in a row; below retries + 1 while UP or PENDING, the monitor is "retrying". */
    consecutiveFailures: m.consecutiveFailures,
    ...(maintenance ? { phase: null, attempt: null, of: null } : phaseDto(m)),
    /** While DEGRADED: which threshold, e.g. "TLS handshake 850 ms > 500 ms for 3 checks". */
    degradedReason: m.status === 'DEGRADED' ? (m.degradedReason ?? null) : null,
    lastCheckedAt: iso(m.lastCheckedAt),
    lastLatencyMs: m.lastLatencyMs,
    lastStatusCode: m.lastStatusCode,
    lastError: m.lastError,
    lastCause: m.lastCause,
    hostWaitMs: m.hostWaitMs,
    headers: f.headers.map((h) => ({ name: h.name, value: h.secret ? null : h.value, secret: h.secret ?? false })),
    body: m.body,
    acceptedStatusCodes: f.acceptedStatusCodes,
    followRedirects: m.followRedirects,
    maxRedirects: m.maxRedirects,
    keyword: m.keyword,
    keywordMode: m.keywordMode,
    keywordCaseSensitive: m.keywordCaseSensitive,
    jsonAssertions: f.jsonAssertions,
    maxResponseTimeMs: m.maxResponseTimeMs,
    ignoreTlsErrors: m.ignoreTlsErrors,
    certExpiryThresholdDays: m.certExpiryThresholdDays,
    certExpiresAt: iso(m.certExpiresAt),
    certIssuer: m.certIssuer,
    host: m.host,
    port: m.port,
    graceSeconds: m.graceSeconds,
    heartbeatUrl: m.heartbeatToken ? `${getEnv().APP_URL.replace(/\/$/, '')}/api/heartbeat/${m.heartbeatToken}` : null,
    lastHeartbeatAt: iso(m.lastHeartbeatAt),
    retries: m.retries,
    retryIntervalSeconds: m.retryIntervalSeconds,
    successThreshold: m.successThreshold,
    reminderIntervalMinutes: m.reminderIntervalMinutes,
    /** Response-time thresholds in ms, `consecutive` filled in; null: the monitor is never DEGRADED. */
    degraded: readThresholds(m.degraded),
    /** The monitor this one depends on: while it is DOWN, this one's failures alert nobody (cause parent_down). */
    parentId: m.parentId,
    publicBadge: m.publicBadge,
    /** Only while the badge is on: the key is what makes a badge URL unguessable. */
    badgeKey: m.publicBadge ? m.badgeKey : null,
    /** Where its badges live (append /status.svg, /uptime.svg or /response.svg), at APP_URL. */
    badgeUrl: m.publicBadge && m.badgeKey ? `${getEnv().APP_URL}/badge/${m.badgeKey}` : null,
    channelIds: m.channelIds ?? [],
    tagIds: m.tagIds ?? [],
    hasWorkingChannel: m.hasWorkingChannel ?? false,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}
export type MonitorDto = ReturnType<typeof monitorDto>;

/** One item of GET /api/monitors. */
export type MonitorListItemDto = MonitorDto & {
  uptime24h: number | null;
  /** The same with the checks made during maintenance left out. */
  uptime24hExcludingMaintenance: number | null;
  /** The last 24, oldest first. */
  recentChecks: Array<{ status: Check['status']; latencyMs: number | null; checkedAt: string }>;
};

/**
 * One item of GET /api/monitors as JSON text. `recentChecksJson` is the array the database
 * wrote (lib/data/checks recentChecksJsonByMonitor), spliced in as it is.
 */
export function monitorListItemJson(m: Parameters<typeof monitorDto>[0], uptime24h: MaintenanceAwareUptime | null, recentChecksJson: string): string {
  const item: Omit<MonitorListItemDto, 'recentChecks'> = {
    ...monitorDto(m),
    uptime24h: uptime24h?.uptimePercent ?? null,
    uptime24hExcludingMaintenance: uptime24h?.uptimeExcludingMaintenancePercent ?? null,
  };
  return `${JSON.stringify(item).slice(0, -1)},"recentChecks":${recentChecksJson}}`;
}

export function checkDto(c: Check) {
  return {
    id: c.id,
    monitorId: c.monitorId,
    status: c.status,
    latencyMs: c.latencyMs,
    statusCode: c.statusCode,
    error: c.error,
    cause: c.cause,
    timings: {
      dnsMs: c.dnsMs,
      connectMs: c.connectMs,
      tlsMs: c.tlsMs,
      ttfbMs: c.ttfbMs,
      transferMs: c.transferMs,
      totalMs: c.latencyMs,
    },
    checkedAt: c.checkedAt.toISOString(),
  };
}
export type CheckDto = ReturnType<typeof checkDto>;

export function incidentDto(i: Incident, now = Date.now()) {
  const end = i.endedAt?.getTime() ?? now;
  return {
    id: i.id,
    monitorId: i.monitorId,
    /** DOWN: an outage; DEGRADED: slower than the monitor's thresholds (up all along). */
    kind: i.kind,
    startedAt: i.startedAt.toISOString(),
    endedAt: iso(i.endedAt),
    durationSeconds: Math.max(0, Math.round((end - i.startedAt.getTime()) / 1000)),
    ongoing: i.endedAt === null,
    cause: i.cause,
    firstError: i.firstError,
    lastError: i.lastError,
  };
}
export type IncidentDto = ReturnType<typeof incidentDto>;

/** One alert event on one channel: the API's alert history row. */
export function deliveryDto(d: MonitorDelivery) {
  return {
    id: d.id,
    eventId: d.eventId,
    kind: d.event.kind,
    incidentId: d.event.incidentId,
    cause: d.event.cause,
    channelId: d.channelId,
    channelKind: d.channelKind,
    state: d.state,
    attempts: d.attempts,
    nextAttemptAt: d.state === 'pending' || d.state === 'retrying' ? d.nextAttemptAt.toISOString() : null,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    deliveredAt: iso(d.deliveredAt),
  };
}
export type AlertDto = ReturnType<typeof deliveryDto>;

export function userDto(u: { id: string; email: string }) {
  return { id: u.id, email: u.email };
}
