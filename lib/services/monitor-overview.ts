import 'server-only';
import { getMonitor } from '@/lib/data/monitors';
import { toMonitorViews } from '@/lib/services/monitor-views';
import { timingReport, uptimeReport } from '@/lib/services/monitor-stats';
import { alertsOf, checksPage, incidentsOf } from '@/lib/services/monitor-history';
import { monitorDto } from '@/lib/dto';

// Everything the monitor page shows, in one answer: the page loads it first and then refreshes
// it with one request, instead of one request per panel.

export const CHECKS_PAGE_SIZE = 20;
export const ALERTS_SHOWN = 20;
export const INCIDENTS_SHOWN = 20;

export async function monitorOverview(userId: string, id: string, hours: number, now = new Date()) {
  const monitor = (await toMonitorViews(userId, [await getMonitor(userId, id)], now))[0];
  const [day, week, month, report, timings, checks, incidents, alerts] = await Promise.all([
    uptimeReport(monitor.id, 24, now),
    uptimeReport(monitor.id, 168, now),
    uptimeReport(monitor.id, 720, now),
    hours === 24 ? null : uptimeReport(monitor.id, hours, now),
    timingReport(monitor.id, hours, now),
    checksPage(monitor.id, { limit: CHECKS_PAGE_SIZE }),
    incidentsOf(monitor.id, INCIDENTS_SHOWN),
    alertsOf(monitor.id, ALERTS_SHOWN),
  ]);
  return {
    monitor: monitorDto(monitor),
    summary: { h24: day.uptimePercent, d7: week.uptimePercent, d30: month.uptimePercent },
    /** The requested window's report (`hours`). */
    report: report ?? day,
    hours,
    timings,
    checks,
    incidents,
    alerts,
  };
}
export type MonitorOverview = Awaited<ReturnType<typeof monitorOverview>>;
