import 'server-only';
import { cache } from 'react';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/page-data/session';
import { findMonitor } from '@/lib/data/monitors';
import { toMonitorViews } from '@/lib/services/monitor-views';
import { listMonitorsWithStats, timingReport, uptimeReport } from '@/lib/services/monitor-stats';
import { alertsOf, checksPage, incidentsOf } from '@/lib/services/monitor-history';
import { monitorDto, type AlertDto, type CheckDto, type IncidentDto, type MonitorDto } from '@/lib/dto';
import type { UptimeReport } from '@/lib/domain/uptime';
import type { TimingBucket } from '@/lib/domain/timing-medians';
import { toDashboardRow, type DashboardRow } from '@/lib/ui/view-models';
import type { ChannelChoice } from '@/lib/ui/channel-kinds';
import { channelChoices } from '@/lib/page-data/channels';

// The pages' data-access layer. Every reader starts with requireUser(), so no page can
// read data without a verified session, whatever the proxy did or did not do; the lib/
// functions below scope every query to that user's id.

export const CHECKS_PAGE_SIZE = 20;
export const ALERTS_SHOWN = 20;
export const INCIDENTS_SHOWN = 20;

/** The dashboard's first render: the same list GET /api/monitors serves (uptime comes from hourly rollups, so it is cheap). */
export async function dashboardRows(): Promise<DashboardRow[]> {
  const user = await requireUser();
  return (await listMonitorsWithStats(user.id)).map(toDashboardRow);
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

export interface UptimeSummary {
  h24: number | null;
  d7: number | null;
  d30: number | null;
}

export interface MonitorDetailData {
  monitor: MonitorDto;
  summary: UptimeSummary;
  /** The chart window shown first (24 h). */
  report: UptimeReport;
  /** Median phase timings over the same window. */
  timings: { buckets: TimingBucket[] };
  checks: { checks: CheckDto[]; nextCursor: string | null };
  incidents: IncidentDto[];
  alerts: AlertDto[];
  /** The user's channels, to name each delivery and list the ones this monitor alerts. */
  channels: ChannelChoice[];
}

export async function monitorDetail(id: string): Promise<MonitorDetailData> {
  const monitor = await ownedMonitor(id);
  const now = new Date();
  const [day, week, month, timings, checks, incidents, alerts, channels] = await Promise.all([
    uptimeReport(monitor.id, 24, now),
    uptimeReport(monitor.id, 168, now),
    uptimeReport(monitor.id, 720, now),
    timingReport(monitor.id, 24, now),
    checksPage(monitor.id, { limit: CHECKS_PAGE_SIZE }),
    incidentsOf(monitor.id, INCIDENTS_SHOWN),
    alertsOf(monitor.id, ALERTS_SHOWN),
    channelChoices(),
  ]);
  return {
    monitor: monitorDto(monitor),
    summary: { h24: day.uptimePercent, d7: week.uptimePercent, d30: month.uptimePercent },
    report: day,
    timings,
    checks,
    incidents,
    alerts,
    channels,
  };
}
