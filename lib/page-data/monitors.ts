import 'server-only';
import { cache } from 'react';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/page-data/session';
import { findMonitor } from '@/lib/data/monitors';
import { toMonitorViews } from '@/lib/services/monitor-views';
import { dashboardFeed, type DashboardFeed } from '@/lib/services/dashboard-feed';
import { listTagsFor } from '@/lib/services/manage-tags';
import { checksPage } from '@/lib/services/monitor-history';
import { monitorOverview, type MonitorOverview } from '@/lib/services/monitor-overview';
import { monitorDto, type MonitorDto } from '@/lib/dto';
import { tagDto, type TagDto } from '@/lib/dto/tags';
import { HOUR_MS } from '@/lib/shared/time';
import type { UptimeWindowKey } from '@/lib/ui/view-models';
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

/** Everything the monitor page's first render shows: the same answer its refreshes get from GET /api/monitors/:id/overview. */
export type MonitorDetailData = MonitorOverview & {
  /** The window the charts open on (1 h for a monitor younger than a day). */
  windowKey: UptimeWindowKey;
  /** One point per check of that window, oldest first; null when the window draws averages per interval. */
  series: CheckPoint[] | null;
  /** The user's channels, to name each delivery and list the ones this monitor alerts. */
  channels: ChannelChoice[];
};
export type UptimeSummary = MonitorOverview['summary'];

export async function monitorDetail(id: string): Promise<MonitorDetailData> {
  const user = await requireUser();
  const monitor = await ownedMonitor(id);
  const now = new Date();
  const windowKey = initialWindow(monitor.createdAt, now.getTime());
  const hours = windowHours(windowKey);
  const [overview, channels] = await Promise.all([monitorOverview(user.id, monitor.id, hours, now), channelChoices()]);
  let series: CheckPoint[] | null = null;
  if (drawsEachCheck(windowKey, overview.report.totalChecks)) {
    // The overview's first page may already hold the whole window.
    const all = overview.checks.nextCursor === null || overview.report.totalChecks <= overview.checks.checks.length;
    const checks = all ? overview.checks.checks : (await checksPage(monitor.id, { limit: SERIES_LIMIT })).checks;
    series = seriesFrom(checks, now.getTime() - hours * HOUR_MS);
  }
  return { ...overview, windowKey, series, channels };
}
