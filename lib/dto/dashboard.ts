import type { RecentCheck } from '@/lib/data/checks';
import type { MaintenanceNow } from '@/lib/domain/maintenance-calendar';
import { iso, phaseDto, type MonitorDtoStatus } from '@/lib/dto';

// The dashboard's light rows: only what the list shows, filters and sorts by, so 10,000 of them
// stay a small payload (the heartbeat bars come separately, for the rows on screen).

export interface DashboardSource {
  id: string;
  name: string;
  type: string;
  target: string;
  active: boolean;
  status: string;
  statusChangedAt: Date | null;
  lastCheckedAt: Date | null;
  lastLatencyMs: number | null;
  lastCause: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  retries: number;
  streak: number;
  successThreshold: number;
  parentId: string | null;
  intervalSeconds: number;
  uptime24h: number | null;
  tagIds: string[];
  hasWorkingChannel: boolean;
  maintenance: MaintenanceNow | null;
}


export function dashboardRowDto(m: DashboardSource) {
  return {
    id: m.id,
    name: m.name,
    type: m.type,
    target: m.target,
    active: m.active,
    status: (m.active && m.maintenance ? 'MAINTENANCE' : m.status) as MonitorDtoStatus,
    statusChangedAt: iso(m.statusChangedAt),
    lastCheckedAt: iso(m.lastCheckedAt),
    lastLatencyMs: m.lastLatencyMs,
    lastCause: m.lastCause,
    lastError: m.lastError,
    /** Failures not yet confirmed: "retrying (consecutiveFailures of retries)" while UP or PENDING. */
    consecutiveFailures: m.consecutiveFailures,
    retries: m.retries,
    ...(m.maintenance ? { phase: null, attempt: null, of: null } : phaseDto({ ...m, status: m.status as Parameters<typeof phaseDto>[0]['status'] })),
    parentId: m.parentId,
    intervalSeconds: m.intervalSeconds,
    uptime24h: m.uptime24h,
    tagIds: m.tagIds,
    hasWorkingChannel: m.hasWorkingChannel,
    maintenance: m.maintenance ? { id: m.maintenance.id, title: m.maintenance.title, start: m.maintenance.start.toISOString(), end: m.maintenance.end.toISOString() } : null,
  };
}
export type DashboardRowDto = ReturnType<typeof dashboardRowDto>;

export function heartbeatDto(c: RecentCheck) {
  return { status: c.status, latencyMs: c.latencyMs, cause: c.cause, checkedAt: c.checkedAt.toISOString() };
}
export type HeartbeatDto = ReturnType<typeof heartbeatDto>;
