import type { CheckDto, MonitorDto } from '@/lib/dto';
import type { DashboardRowDto } from '@/lib/dto/dashboard';
import { MONITOR_KINDS, monitorKind } from '@/lib/monitor-kinds';
import { causeText } from '@/lib/domain/cause-labels';
import { phaseLabel, responseTimeLabel } from '@/lib/ui/monitor-status';

// Isomorphic shapes and formatting for the pages: the server maps lib/ rows into them for
// the first render, and the client maps API responses into the same shapes when it polls.
// Only types are imported from lib/dto, so no server code reaches the browser bundle.

/** BLOCKED: the outbound policy refuses the target, so no request reaches it (neither up nor down). */
/** MAINTENANCE: inside a maintenance window; checks run, failures alert nobody. */
/** DEGRADED: up, but slower than its thresholds; counts as up, shown in amber. */
export type DisplayStatus = 'UP' | 'DEGRADED' | 'DOWN' | 'BLOCKED' | 'PENDING' | 'PAUSED' | 'MAINTENANCE';

const SHOWN_AS_IS: ReadonlySet<string> = new Set(['UP', 'DEGRADED', 'DOWN', 'BLOCKED', 'MAINTENANCE']);

export function displayStatus(m: { active: boolean; status: string }): DisplayStatus {
  if (!m.active) return 'PAUSED';
  return SHOWN_AS_IS.has(m.status) ? (m.status as DisplayStatus) : 'PENDING';
}

/** One dashboard row: the light feed row plus what filtering and sorting read on every keystroke. */
export interface DashboardRow {
  id: string;
  name: string;
  type: string;
  target: string;
  status: DisplayStatus;
  active: boolean;
  statusChangedAt: string | null;
  lastCheckedAt: string | null;
  lastLatencyMs: number | null;
  lastCause: string | null;
  lastError: string | null;
  intervalSeconds: number;
  /** Percentage over the last 24 h; null when there were no checks. */
  uptime24h: number | null;
  tagIds: string[];
  /** Whether one of its channels can deliver now; false means nobody would be told. */
  hasWorkingChannel: boolean;
  maintenance: { title: string; end: string } | null;
  /** retrying: failures not confirmed yet; recovering: a DOWN monitor counting successes; else null. */
  phase: 'retrying' | 'recovering' | null;
  /** "retrying (2 of 3)" or "recovering (1 of 3)", else null. */
  phaseLabel: string | null;
  /** The monitor this one depends on, if any. */
  parentId: string | null;
  /** "—" for push monitors and before the first check, else "123 ms". */
  responseTime: string;
  /** Name and target in lower case: what the search box matches, computed once per row. */
  haystack: string;
  /** statusChangedAt as epoch ms (sorting 10,000 rows must not parse dates). */
  statusChangedMs: number | null;
}

/** The dashboard's target column: the URL, host:port, or 'Heartbeat'. */
export function monitorTarget(m: Pick<MonitorDto, 'type' | 'url' | 'host' | 'port'>): string {
  return monitorKind(m.type).ui.target(m);
}

/** The feed's target names what alerts name; a push monitor has none, so the list names its kind ("Heartbeat"). */
function feedTarget(m: Pick<DashboardRowDto, 'type' | 'target'>): string {
  const kind = (MONITOR_KINDS as Record<string, (typeof MONITOR_KINDS)[keyof typeof MONITOR_KINDS] | undefined>)[m.type];
  return kind && !kind.probed ? kind.ui.label : m.target;
}

export function toDashboardRow(m: DashboardRowDto): DashboardRow {
  const target = feedTarget(m);
  return {
    id: m.id,
    name: m.name,
    type: m.type,
    target,
    status: displayStatus(m),
    active: m.active,
    statusChangedAt: m.statusChangedAt,
    lastCheckedAt: m.lastCheckedAt,
    lastLatencyMs: m.lastLatencyMs,
    lastCause: m.lastCause,
    lastError: m.lastError,
    intervalSeconds: m.intervalSeconds,
    uptime24h: m.uptime24h,
    tagIds: m.tagIds,
    hasWorkingChannel: m.hasWorkingChannel,
    maintenance: m.maintenance,
    phase: m.phase,
    phaseLabel: phaseLabel(m),
    parentId: m.parentId,
    responseTime: responseTimeLabel(m),
    haystack: `${m.name}\n${target}`.toLowerCase(),
    statusChangedMs: m.statusChangedAt ? Date.parse(m.statusChangedAt) : null,
  };
}

export interface StatusCounts {
  total: number;
  up: number;
  degraded: number;
  down: number;
  blocked: number;
  pending: number;
  paused: number;
  maintenance: number;
}

export function countStatuses(rows: { status: DisplayStatus }[]): StatusCounts {
  const c: StatusCounts = { total: rows.length, up: 0, degraded: 0, down: 0, blocked: 0, pending: 0, paused: 0, maintenance: 0 };
  for (const r of rows) {
    if (r.status === 'UP') c.up++;
    else if (r.status === 'DEGRADED') c.degraded++;
    else if (r.status === 'DOWN') c.down++;
    else if (r.status === 'BLOCKED') c.blocked++;
    else if (r.status === 'PAUSED') c.paused++;
    else if (r.status === 'MAINTENANCE') c.maintenance++;
    else c.pending++;
  }
  return c;
}

export const INTERVAL_PRESETS = [
  { seconds: 30, label: '30 s' },
  { seconds: 60, label: '1 min' },
  { seconds: 300, label: '5 min' },
  { seconds: 900, label: '15 min' },
  { seconds: 3600, label: '1 h' },
] as const;

/** 30 -> "30 s", 300 -> "5 min", 3600 -> "1 h", 90 -> "90 s". */
export function formatInterval(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

export function formatLatency(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms)} ms`;
}

export function formatPercent(p: number | null | undefined): string {
  if (p === null || p === undefined) return '—';
  if (p === 100) return '100%';
  return `${p.toFixed(2)}%`;
}

export function formatAgo(fromMs: number, nowMs: number): string {
  const s = Math.max(0, Math.round((nowMs - fromMs) / 1000));
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} d ago`;
}

const NOT_THE_TARGET: ReadonlySet<string> = new Set(['parent_down', 'probe_offline']);

/**
 * A failure that was not the target's fault (its parent down, Pingboard offline): stored, shown,
 * counted for nothing and alerting nobody. Its stored error already says what happened
 * ("Parent API is down; the check saw: ...").
 */
export function notTheTarget(cause: string | null | undefined): boolean {
  return cause != null && NOT_THE_TARGET.has(cause);
}

/**
 * Why a check failed, in words: "Timeout — Timed out after 10 s", and for a failure that was not
 * the target's fault (its parent down, Pingboard offline) the stored sentence alone.
 */
export function failureText(cause: string | null | undefined, error: string | null | undefined): string | null {
  if (error && notTheTarget(cause)) return error;
  return causeText(cause, error);
}

/** The human reason of a failed check ("Timeout — Timed out after 10 s"), for tables and the Check now result. */
export function checkReason(c: Pick<CheckDto, 'status' | 'error' | 'cause' | 'statusCode'>): string {
  if (c.status === 'UP') return '';
  return failureText(c.cause, c.error) ?? (c.statusCode ? `HTTP ${c.statusCode}` : 'Failed');
}

/** "10:42" today, "3 Dec 10:42" on another day, in the viewer's time zone: when something began. */
export function sinceClock(ms: number, timeZone: string, nowMs: number = Date.now()): string {
  const day = (d: Date) => d.toLocaleDateString('en-GB', { timeZone });
  const when = new Date(ms);
  const time = when.toLocaleTimeString('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  if (day(when) === day(new Date(nowMs))) return time;
  return `${when.toLocaleDateString('en-GB', { timeZone, day: 'numeric', month: 'short' })} ${time}`;
}

export const UPTIME_WINDOWS = [
  { key: '1h', label: '1 h', hours: 1 },
  { key: '24h', label: '24 h', hours: 24 },
  { key: '7d', label: '7 d', hours: 168 },
  { key: '30d', label: '30 d', hours: 720 },
] as const;
export type UptimeWindowKey = (typeof UPTIME_WINDOWS)[number]['key'];
