import 'server-only';
import { listMonitors } from '@/lib/data/monitors';
import { phaseSamples, recentChecksByMonitor, uptimeBucketCounts, uptimeCountsSince } from '@/lib/data/checks';
import { timingMedians, type TimingBucket } from '@/lib/domain/timing-medians';
import { buildUptimeReport, maintenanceAwareUptime, type UptimeReport } from '@/lib/domain/uptime';
import { monitorListItemDto, type MonitorListItemDto } from '@/lib/dto';
import { HOUR_MS } from '@/lib/shared/time';
import { toMonitorViews } from '@/lib/services/monitor-views';

export const UPTIME_BUCKETS = 24;

/** The dashboard list: every monitor of the user with 24 h uptime, recent checks and its channels, in five queries in all. */
export async function listMonitorsWithStats(userId: string, now = new Date()): Promise<MonitorListItemDto[]> {
  const monitors = await listMonitors(userId);
  const ids = monitors.map((m) => m.id);
  const [recent, uptime, views] = await Promise.all([
    recentChecksByMonitor(ids),
    uptimeCountsSince(ids, new Date(now.getTime() - 24 * HOUR_MS)),
    toMonitorViews(userId, monitors),
  ]);
  return views.map((m) => {
    const u = uptime.get(m.id);
    return monitorListItemDto(m, u ? maintenanceAwareUptime(u) : null, recent.get(m.id) ?? []);
  });
}

/** The caller must own monitorId. */
export async function uptimeReport(monitorId: string, hours: number, now = new Date()): Promise<UptimeReport> {
  const from = new Date(now.getTime() - hours * HOUR_MS);
  // The window ends just after now so a check stored this millisecond is counted.
  const to = new Date(now.getTime() + 1);
  return buildUptimeReport(from, to, await uptimeBucketCounts(monitorId, from, to, UPTIME_BUCKETS));
}

/** Median phase timings in 24 buckets over the window. The caller must own monitorId. */
export async function timingReport(monitorId: string, hours: number, now = new Date()): Promise<{ buckets: TimingBucket[] }> {
  const from = new Date(now.getTime() - hours * HOUR_MS);
  const to = new Date(now.getTime() + 1);
  return { buckets: timingMedians(await phaseSamples(monitorId, from, to), from, to, UPTIME_BUCKETS) };
}
