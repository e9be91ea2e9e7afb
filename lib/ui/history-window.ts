import { DAY_MS } from '@/lib/shared/time';
import { UPTIME_WINDOWS, type UptimeWindowKey } from '@/lib/ui/view-models';

// The monitor page's chart window: which one it opens on, and whether its latency chart can
// draw one point per check (short windows whose checks fit in one request) or must fall back
// to the report's averages per interval. Pure, so the server's first render and the browser's
// refreshes decide alike.

/** The most checks one request may fetch (the API's `limit` maximum). */
export const SERIES_LIMIT = 500;

export function windowHours(key: UptimeWindowKey): number {
  return UPTIME_WINDOWS.find((w) => w.key === key)!.hours;
}

export function windowLabel(key: UptimeWindowKey): string {
  return UPTIME_WINDOWS.find((w) => w.key === key)!.label;
}

/** A monitor younger than a day opens on 1 h, where its few checks are not lost in a day of empty slices. */
export function initialWindow(createdAt: string | Date, nowMs: number): UptimeWindowKey {
  return nowMs - new Date(createdAt).getTime() < DAY_MS ? '1h' : '24h';
}

/** 1 h and 24 h draw each check while the window holds no more than one request of them. */
export function drawsEachCheck(key: UptimeWindowKey, checksInWindow: number): boolean {
  return windowHours(key) <= 24 && checksInWindow <= SERIES_LIMIT;
}

/** One check on the latency chart. */
export interface CheckPoint {
  id: string;
  /** Epoch ms of checkedAt. */
  t: number;
  status: string;
  latencyMs: number | null;
}

export function toCheckPoint(c: { id: string; checkedAt: string; status: string; latencyMs: number | null }): CheckPoint {
  return { id: c.id, t: new Date(c.checkedAt).getTime(), status: c.status, latencyMs: c.latencyMs };
}

/** Oldest first, inside [fromMs, ∞). `checks` come newest first, as the API lists them. */
export function seriesFrom(checks: ReadonlyArray<Parameters<typeof toCheckPoint>[0]>, fromMs: number): CheckPoint[] {
  return checks
    .map(toCheckPoint)
    .filter((p) => p.t >= fromMs)
    .sort((a, b) => a.t - b.t);
}

/**
 * Adds the newest page of checks (newest first) to a series and drops what slid out of the
 * window. Null when the page does not reach back to the series' newest point: more checks
 * arrived than one page holds, so the gap must be fetched again.
 */
export function extendSeries(series: readonly CheckPoint[], newest: ReadonlyArray<Parameters<typeof toCheckPoint>[0]>, fromMs: number): CheckPoint[] | null {
  const last = series[series.length - 1];
  const fresh = newest.map(toCheckPoint);
  if (last && fresh.length > 0 && !fresh.some((p) => p.id === last.id || p.t < last.t)) return null;
  const known = new Set(series.map((p) => p.id));
  const added = fresh.filter((p) => !known.has(p.id) && (!last || p.t >= last.t));
  return [...series, ...added.sort((a, b) => a.t - b.t)].filter((p) => p.t >= fromMs);
}
