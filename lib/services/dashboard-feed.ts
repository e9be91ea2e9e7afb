import 'server-only';
import { countMonitors, dashboardMonitors, dashboardMonitorsByIds, foreignMonitorIds, type DashboardMonitorRow } from '@/lib/data/monitors';
import { channelIdsByMonitor, workingChannelIds } from '@/lib/data/channels';
import { tagIdsByMonitor } from '@/lib/data/tags';
import { recentChecksByMonitor, uptimeCountsSince } from '@/lib/data/checks';
import { loadCalendarWindows } from '@/lib/data/maintenance-windows';
import { networkOfflineSince } from '@/lib/data/instances';
import { MaintenanceCalendar, type CalendarWindow } from '@/lib/domain/maintenance-calendar';
import { occurrencesBetween } from '@/lib/domain/maintenance-schedule';
import { uptimePercent } from '@/lib/domain/uptime';
import { channelKindsFor } from '@/lib/alerting/runtime';
import { monitorTarget, type MonitorType } from '@/lib/monitor-kinds';
import { dashboardRowDto, heartbeatDto, type DashboardRowDto, type HeartbeatDto } from '@/lib/dto/dashboard';
import { HOUR_MS } from '@/lib/shared/time';

// The dashboard's data: all of a user's monitors as light rows once, then only the rows that
// changed since a cursor (the monitor's updatedAt moves with every stored result and change),
// plus the total, so a client whose merged count differs knows something was deleted and
// reloads. The heartbeat bars are fetched apart, only for the rows on screen.

/** Results are stamped when their batch is written, a little before it commits: look back this far. */
const CURSOR_OVERLAP_MS = 2_000;

export interface DashboardFeed {
  monitors: DashboardRowDto[];
  /** Pass back as `since` to get what changed after this answer. */
  cursor: number;
  /** How many monitors the user has now. */
  total: number;
  /** True when `monitors` holds only the changed rows. */
  partial: boolean;
  /** offline: a worker instance cannot reach the network (every connectivity canary fails), so failures are not being judged. */
  connectivity: { state: 'online' | 'offline'; offlineSince: string | null };
}

/** Monitors of windows that began or ended in (since, now]: no row of theirs changed, yet their status did. */
function crossedWindows(windows: CalendarWindow[], since: number, now: Date): string[] | 'all' {
  const ids = new Set<string>();
  for (const w of windows) {
    const crossed = occurrencesBetween(w.schedule, new Date(since), now, 50).some(
      (o) => o.start.getTime() > since || (o.end.getTime() > since && o.end.getTime() <= now.getTime()),
    );
    if (!crossed) continue;
    if (w.allMonitors) return 'all';
    for (const id of w.monitorIds) ids.add(id);
  }
  return [...ids];
}

async function changedRows(userId: string, since: number | null, windows: CalendarWindow[], now: Date): Promise<DashboardMonitorRow[]> {
  if (since === null) return dashboardMonitors(userId);
  const crossed = crossedWindows(windows, since, now);
  if (crossed === 'all') return dashboardMonitors(userId);
  const rows = await dashboardMonitors(userId, new Date(since));
  const have = new Set(rows.map((r) => r.id));
  const extra = await dashboardMonitorsByIds(userId, crossed.filter((id) => !have.has(id)));
  return [...rows, ...extra];
}

export async function dashboardFeed(userId: string, since: number | null, now = new Date()): Promise<DashboardFeed> {
  const cursor = now.getTime() - CURSOR_OVERLAP_MS;
  const windows = await loadCalendarWindows(userId);
  const [rows, total, offlineSince] = await Promise.all([changedRows(userId, since, windows, now), countMonitors(userId), networkOfflineSince(now)]);
  const ids = rows.map((r) => r.id);
  const [channels, working, tags, uptime] = await Promise.all([
    channelIdsByMonitor(ids),
    ids.length ? workingChannelIds(userId, channelKindsFor('DOWN')) : Promise.resolve(new Set<string>()),
    tagIdsByMonitor(ids),
    uptimeCountsSince(ids, new Date(now.getTime() - 24 * HOUR_MS)),
  ]);
  const calendar = new MaintenanceCalendar(windows);
  const monitors = rows.map((m) => {
    const u = uptime.get(m.id);
    return dashboardRowDto({
      ...m,
      target: monitorTarget({ ...m, type: m.type as MonitorType }),
      uptime24h: u ? uptimePercent(u.upChecks, u.totalChecks) : null,
      tagIds: tags.get(m.id) ?? [],
      hasWorkingChannel: (channels.get(m.id) ?? []).some((id) => working.has(id)),
      maintenance: calendar.nowFor(m, now),
    });
  });
  const connectivity = { state: offlineSince ? ('offline' as const) : ('online' as const), offlineSince: offlineSince?.toISOString() ?? null };
  return { monitors, cursor, total, partial: since !== null, connectivity };
}

/** The newest checks of the given monitors, oldest first; ids that are not the user's are left out. */
export async function heartbeats(userId: string, ids: string[], limit: number): Promise<Record<string, HeartbeatDto[]>> {
  const foreign = new Set(await foreignMonitorIds(userId, ids));
  const own = ids.filter((id) => !foreign.has(id));
  const recent = await recentChecksByMonitor(own, limit);
  return Object.fromEntries(own.map((id) => [id, (recent.get(id) ?? []).map(heartbeatDto)]));
}
