import 'server-only';
import { createHash } from 'node:crypto';
import { findPublishedPage, outagesSince, pageIncidentsSince, type PublicIncidentRow, type PublicMonitorRow } from '@/lib/data/public-status';
import { dailyCounts, noCounts, type UptimeCounts } from '@/lib/data/checks';
import { loadCalendarWindows } from '@/lib/data/maintenance-windows';
import { MaintenanceCalendar, type ActiveMaintenance } from '@/lib/domain/maintenance-calendar';
import { componentStatus, overallStatus } from '@/lib/domain/status-overview';
import { averageLatency, sumUptimeCounts, uptimePercent } from '@/lib/domain/uptime';
import { monitorTarget } from '@/lib/monitor-kinds';
import { DAY_MS } from '@/lib/shared/time';
import { cached } from '@/lib/status-pages/view-cache';
import type { PublicComponent, PublicDay, PublicIncident, PublicMaintenance, PublicStatusView } from '@/lib/status-pages/public-view';

// Builds what a public status page shows from the owner's choices: only monitors placed on the
// page, under their public names, with details only where the owner turned them on. Everything
// public (HTML, JSON, feed) is rendered from this one view, so nothing else can leak. Views are
// kept VIEW_TTL_MS per page, and forgotten at once when the page, its incidents or a
// maintenance window change (lib/status-pages/view-cache.ts).

export const HISTORY_DAYS = 90;
const PAST_INCIDENT_DAYS = 14;
const UPCOMING_MAINTENANCE_DAYS = 14;
const OUTAGES_PER_DAY = 5;
const VIEW_TTL_MS = 10_000;

/** What the routes need besides the view: whether and how it is locked. */
export interface PublicPage {
  id: string;
  slug: string;
  passwordHash: string | null;
  passwordVersion: number;
  view: PublicStatusView;
}

export function publicStatusPage(slug: string, now = new Date()): Promise<PublicPage | null> {
  return cached(`page:${slug}`, VIEW_TTL_MS, () => buildPublicPage(slug, now));
}

const utcDayStart = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function componentId(pageId: string, monitorId: string): string {
  return createHash('sha256').update(`${pageId}:${monitorId}`).digest('base64url').slice(0, 12);
}

async function buildPublicPage(slug: string, now: Date): Promise<PublicPage | null> {
  const page = await findPublishedPage(slug);
  if (!page) return null;
  const nowMs = now.getTime();
  const firstDay = utcDayStart(nowMs) - (HISTORY_DAYS - 1) * DAY_MS;
  const placed = page.sections.flatMap((s) => s.monitors);
  const monitorIds = placed.map((p) => p.monitorId);
  const nameOf = new Map(placed.map((p) => [p.monitorId, p.displayName ?? p.monitor.name]));

  const [counts, outages, incidents, windows] = await Promise.all([
    dailyCounts(monitorIds, new Date(firstDay)),
    outagesSince(monitorIds, new Date(firstDay)),
    pageIncidentsSince(page.id, new Date(nowMs - PAST_INCIDENT_DAYS * DAY_MS)),
    loadCalendarWindows(page.userId),
  ]);
  const calendar = new MaintenanceCalendar(windows);
  const outagesOf = new Map<string, Array<{ start: number; end: number | null }>>();
  for (const o of outages) {
    const list = outagesOf.get(o.monitorId) ?? [];
    list.push({ start: o.startedAt.getTime(), end: o.endedAt?.getTime() ?? null });
    outagesOf.set(o.monitorId, list);
  }

  const active = new Map<string, ActiveMaintenance | null>(placed.map((p) => [p.monitorId, calendar.activeFor(p.monitor, now)]));
  const sections = page.sections.map((s) => ({
    name: s.name,
    components: s.monitors.map((p): PublicComponent => {
      const days = dayBars(firstDay, counts.get(p.monitorId), outagesOf.get(p.monitorId) ?? [], nowMs);
      const total = sumUptimeCounts(counts.get(p.monitorId)?.values() ?? []);
      const maintenance = active.get(p.monitorId) ?? null;
      const status = componentStatus(p.monitor, maintenance !== null);
      return {
        id: componentId(page.id, p.monitorId),
        name: nameOf.get(p.monitorId)!,
        status,
        since: status === 'maintenance' ? maintenance!.occurrence.start.toISOString() : (p.monitor.statusChangedAt?.toISOString() ?? null),
        uptime90d: uptimePercent(total.upChecks, total.totalChecks),
        uptime90dExcludingMaintenance: uptimePercent(total.upChecks - total.maintenanceUpChecks, total.totalChecks - total.maintenanceChecks),
        days,
        details: p.showDetails ? details(p.monitor, total) : null,
      };
    }),
  }));
  const components = sections.flatMap((s) => s.components);
  const toPublic = (i: PublicIncidentRow): PublicIncident => ({
    id: i.id,
    title: i.title,
    impact: i.impact,
    status: i.status,
    startedAt: i.startedAt.toISOString(),
    resolvedAt: i.resolvedAt?.toISOString() ?? null,
    updatedAt: i.updatedAt.toISOString(),
    affected: i.monitors.flatMap((m) => (nameOf.has(m.monitorId) ? [nameOf.get(m.monitorId)!] : [])),
    updates: i.updates.map((u) => ({ status: u.status, message: u.message, at: u.at.toISOString() })),
  });
  const activeIncidents = incidents.filter((i) => i.resolvedAt === null).map(toPublic);
  const view: PublicStatusView = {
    slug: page.slug,
    title: page.title,
    description: page.description,
    logoUrl: page.logoUrl,
    footerText: page.footerText,
    overall: overallStatus(
      components.map((c) => c.status),
      activeIncidents.map((i) => i.impact),
    ),
    sections,
    activeIncidents,
    outages: placed
      .filter((p) => p.monitor.active && p.monitor.status === 'DOWN' && !active.get(p.monitorId))
      .map((p) => ({ component: nameOf.get(p.monitorId)!, since: (p.monitor.statusChangedAt ?? now).toISOString() })),
    maintenance: pageMaintenance(calendar, placed.map((p) => p.monitor), nameOf, now),
    pastIncidents: incidents.filter((i) => i.resolvedAt !== null).map(toPublic),
    generatedAt: now.toISOString(),
  };
  return { id: page.id, slug: page.slug, passwordHash: page.passwordHash, passwordVersion: page.passwordVersion, view };
}

/** 90 UTC days, oldest first, each with its counts and the outages that overlap it. */
function dayBars(firstDay: number, counts: Map<number, UptimeCounts> | undefined, outages: Array<{ start: number; end: number | null }>, nowMs: number): PublicDay[] {
  return Array.from({ length: HISTORY_DAYS }, (_, i) => {
    const dayStart = firstDay + i * DAY_MS;
    const dayEnd = dayStart + DAY_MS;
    const c = counts?.get(dayStart) ?? noCounts();
    const overlapping = outages
      .filter((o) => o.start < dayEnd && (o.end ?? nowMs) >= dayStart)
      .sort((a, b) => a.start - b.start)
      .slice(0, OUTAGES_PER_DAY)
      .map((o) => ({ start: new Date(o.start).toISOString(), end: o.end === null ? null : new Date(o.end).toISOString() }));
    return {
      date: isoDay(dayStart),
      uptime: uptimePercent(c.upChecks, c.totalChecks),
      uptimeExcludingMaintenance: uptimePercent(c.upChecks - c.maintenanceUpChecks, c.totalChecks - c.maintenanceChecks),
      totalChecks: c.totalChecks,
      maintenanceChecks: c.maintenanceChecks,
      outages: overlapping,
    };
  });
}

function details(m: PublicMonitorRow, total: UptimeCounts) {
  return {
    target: m.type === 'heartbeat' ? null : monitorTarget(m as Parameters<typeof monitorTarget>[0]),
    lastLatencyMs: m.lastLatencyMs,
    avgLatencyMs: averageLatency(total),
    lastError: m.status === 'DOWN' ? m.lastError : null,
    lastCheckedAt: m.lastCheckedAt?.toISOString() ?? null,
  };
}

/** Windows that cover monitors of the page, active now or starting within two weeks. */
function pageMaintenance(calendar: MaintenanceCalendar, monitors: PublicMonitorRow[], nameOf: Map<string, string>, now: Date): PublicMaintenance[] {
  const until = new Date(now.getTime() + UPCOMING_MAINTENANCE_DAYS * DAY_MS);
  const byWindow = new Map<string, PublicMaintenance>();
  for (const m of monitors) {
    for (const { window, occurrence } of calendar.currentAndUpcoming(m, now, until)) {
      const entry = byWindow.get(window.id) ?? {
        id: createHash('sha256').update(`maintenance:${window.id}`).digest('base64url').slice(0, 12),
        title: window.title,
        start: occurrence.start.toISOString(),
        end: occurrence.end.toISOString(),
        active: occurrence.start <= now && occurrence.end > now,
        affected: [],
      };
      entry.affected.push(nameOf.get(m.id)!);
      byWindow.set(window.id, entry);
    }
  }
  return [...byWindow.values()].sort((a, b) => a.start.localeCompare(b.start));
}
