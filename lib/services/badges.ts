import 'server-only';
import { findBadgeMonitor } from '@/lib/data/public-status';
import { uptimeCountsSince } from '@/lib/data/checks';
import { loadCalendarWindows } from '@/lib/data/maintenance-windows';
import { MaintenanceCalendar } from '@/lib/domain/maintenance-calendar';
import { averageLatency, uptimePercent } from '@/lib/domain/uptime';
import { notFoundBadge, renderBadge, uptimeColor, type BadgeColor } from '@/lib/badges/render-badge';
import { cached } from '@/lib/status-pages/view-cache';
import { DAY_MS, HOUR_MS } from '@/lib/shared/time';

// Badges of monitors whose owner turned "public badge" on, found by their unguessable key. A
// wrong key and a badge turned off look the same: a neutral "not found" badge. The figures are
// kept BADGE_TTL_MS, so an embedded badge on a busy page costs one query per interval.

export type BadgeKind = 'status' | 'uptime' | 'response';
export const BADGE_WINDOWS = { '24h': DAY_MS, '7d': 7 * DAY_MS, '30d': 30 * DAY_MS, '90d': 90 * DAY_MS } as const;
export type BadgeWindow = keyof typeof BADGE_WINDOWS;

const BADGE_TTL_MS = 15_000;

interface BadgeFigure {
  message: string;
  color: BadgeColor;
  defaultLabel: string;
}

export async function renderMonitorBadge(key: string, kind: BadgeKind, window: BadgeWindow, label: string | null): Promise<{ found: boolean; svg: string }> {
  const figure = await cached(`badge:${kind}:${window}:${key}`, BADGE_TTL_MS, () => badgeFigure(key, kind, window));
  if (!figure) return { found: false, svg: notFoundBadge(label ?? undefined) };
  return { found: true, svg: renderBadge({ label: label ?? figure.defaultLabel, message: figure.message, color: figure.color }) };
}

async function badgeFigure(key: string, kind: BadgeKind, window: BadgeWindow): Promise<BadgeFigure | null> {
  const m = await findBadgeMonitor(key);
  if (!m) return null;
  const now = new Date();
  if (kind === 'status') {
    if (!m.active) return { message: 'paused', color: 'neutral', defaultLabel: 'status' };
    const calendar = new MaintenanceCalendar(await loadCalendarWindows(m.userId));
    if (calendar.activeFor(m, now)) return { message: 'maintenance', color: 'maintenance', defaultLabel: 'status' };
    if (m.status === 'UP') return { message: 'up', color: 'up', defaultLabel: 'status' };
    if (m.status === 'DEGRADED') return { message: 'degraded', color: 'degraded', defaultLabel: 'status' };
    if (m.status === 'DOWN') return { message: 'down', color: 'down', defaultLabel: 'status' };
    return { message: 'pending', color: 'pending', defaultLabel: 'status' };
  }
  const since = new Date(now.getTime() - (kind === 'response' ? HOUR_MS * 24 : BADGE_WINDOWS[window]));
  const counts = (await uptimeCountsSince([m.id], since)).get(m.id);
  if (kind === 'uptime') {
    const pct = counts ? uptimePercent(counts.upChecks, counts.totalChecks) : null;
    return { message: pct === null ? 'no data' : `${pct}%`, color: uptimeColor(pct), defaultLabel: `uptime ${window}` };
  }
  const avg = counts ? averageLatency(counts) : null;
  return { message: avg === null ? 'no data' : `${avg} ms`, color: avg === null ? 'neutral' : 'up', defaultLabel: 'response 24h' };
}
