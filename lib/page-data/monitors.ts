import 'server-only';
import { cache } from 'react';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/page-data/session';
import { childrenOf, dashboardMonitors, findMonitor } from '@/lib/data/monitors';
import { toMonitorViews } from '@/lib/services/monitor-views';
import { dashboardFeed, type DashboardFeed } from '@/lib/services/dashboard-feed';
import { listTagsFor } from '@/lib/services/manage-tags';
import { checksPage } from '@/lib/services/monitor-history';
import { monitorOverview, type MonitorOverview } from '@/lib/services/monitor-overview';
import { monitorDto, type MonitorDto } from '@/lib/dto';
import { tagDto, type TagDto } from '@/lib/dto/tags';
import { HOUR_MS } from '@/lib/shared/time';
import { displayStatus, type DisplayStatus, type UptimeWindowKey } from '@/lib/ui/view-models';
import { drawsEachCheck, initialWindow, seriesFrom, SERIES_LIMIT, windowHours, type CheckPoint } from '@/lib/ui/history-window';
import type { ChannelChoice } from '@/lib/ui/channel-kinds';
import { channelChoices } from '@/lib/page-data/channels';

// The pages' data-access layer. Every reader starts with requireUser(), so no page can
// read data without a verified session, whatever the proxy did or did not do; the lib/
// functions below scope every query to that user's id.

/** The dashboard's first render: the same light feed GET /api/monitors/summary serves (its cursor lets the page ask only for changes), and the user's tags. */
export async function dashboardRows(): Promise<{ feed: DashboardFeed; tags: TagDto[] }> {
  const user = await requireUser();
  const [feed, tags] = await Promise.all([dashboardFeed(user.id, null), listTagsFor(user.id)]);
  return { feed, tags: tags.map(tagDto) };
}

/**
 * The signed-in user's monitor, or a 404 exactly like a missing one. Cached per request:
 * the monitor's layout calls it before anything streams (so the status really is 404),
 * and the page reuses the answer.
 */
export const ownedMonitor = cache(async (id: string) => {
  const user = await requireUser();
  const monitor = await findMonitor(user.id, id);
  if (!monitor) notFound();
  return (await toMonitorViews(user.id, [monitor]))[0];
});

export async function monitorForEdit(id: string): Promise<MonitorDto> {
  return monitorDto(await ownedMonitor(id));
}

/** A monitor the form's "Depends on" can name. */
export interface MonitorChoice {
  id: string;
  name: string;
}

/** The user's monitors by name, for choosing a parent (the API refuses cycles; the form leaves out the monitor itself). */
export async function monitorChoices(): Promise<MonitorChoice[]> {
  const user = await requireUser();
  const rows = await dashboardMonitors(user.id);
  return rows.map((m) => ({ id: m.id, name: m.name })).sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }) || (a.id < b.id ? -1 : 1));
}

/** A parent or child on the monitor page: a link with its status. */
export interface RelatedMonitor {
  id: string;
  name: string;
  status: DisplayStatus;
}

export interface MonitorRelations {
  /** The monitor this one depends on: while it is DOWN, this one's failures alert nobody. */
  parent: RelatedMonitor | null;
  /** Monitors that depend on this one. */
  children: RelatedMonitor[];
}

const related = (m: { id: string; name: string; status: string; active: boolean }): RelatedMonitor => ({ id: m.id, name: m.name, status: displayStatus(m) });

async function relationsOf(userId: string, monitor: { id: string; parentId: string | null }): Promise<MonitorRelations> {
  const [parent, children] = await Promise.all([monitor.parentId ? findMonitor(userId, monitor.parentId) : null, childrenOf(userId, monitor.id)]);
  return { parent: parent ? related(parent) : null, children: children.map(related) };
}

/** Everything the monitor page's first render shows: the same answer its refreshes get from GET /api/monitors/:id/overview. */
export type MonitorDetailData = MonitorOverview & {
  /** The window the charts open on (1 h for a monitor younger than a day). */
  windowKey: UptimeWindowKey;
  /** One point per check of that window, oldest first; null when the window draws averages per interval. */
  series: CheckPoint[] | null;
  /** The user's channels, to name each delivery and list the ones this monitor alerts. */
  channels: ChannelChoice[];
  /** Its parent and children as of the page's first render. */
  relations: MonitorRelations;
};
export type UptimeSummary = MonitorOverview['summary'];

export async function monitorDetail(id: string): Promise<MonitorDetailData> {
  const user = await requireUser();
  const monitor = await ownedMonitor(id);
  const now = new Date();
  const windowKey = initialWindow(monitor.createdAt, now.getTime());
  const hours = windowHours(windowKey);
  const [overview, channels, relations] = await Promise.all([monitorOverview(user.id, monitor.id, hours, now), channelChoices(), relationsOf(user.id, monitor)]);
  let series: CheckPoint[] | null = null;
  if (drawsEachCheck(windowKey, overview.report.totalChecks)) {
    // The overview's first page may already hold the whole window.
    const all = overview.checks.nextCursor === null || overview.report.totalChecks <= overview.checks.checks.length;
    const checks = all ? overview.checks.checks : (await checksPage(monitor.id, { limit: SERIES_LIMIT })).checks;
    series = seriesFrom(checks, now.getTime() - hours * HOUR_MS);
  }
  return { ...overview, windowKey, series, channels, relations };
}
