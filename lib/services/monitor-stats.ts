import 'server-only';
import { listMonitors } from '@/lib/data/monitors';
import { phaseSamples, recentChecksJsonByMonitor, uptimeBucketCounts, uptimeCountsSince } from '@/lib/data/checks';
import { timingMedians, type TimingBucket } from '@/lib/domain/timing-medians';
import { buildUptimeReport, maintenanceAwareUptime, type UptimeReport } from '@/lib/domain/uptime';
import { monitorListItemJson } from '@/lib/dto';
import { HOUR_MS } from '@/lib/shared/time';
import { toMonitorViews } from '@/lib/services/monitor-views';

export const UPTIME_BUCKETS = 24;

/**
 * GET /api/monitors' body, `{"monitors":[...]}` (items: MonitorListItemDto), as JSON text: every
 * monitor of the user with 24 h uptime, recent checks and its channels, in a few queries in all.
 */
export async function listMonitorsJson(userId: string, now = new Date()): Promise<string> {
  const monitors = await listMonitors(userId);
  const ids = monitors.map((m) => m.id);
  const [recent, uptime, views] = await Promise.all([
    recentChecksJsonByMonitor(ids),
    uptimeCountsSince(ids, new Date(now.getTime() - 24 * HOUR_MS)),
    toMonitorViews(userId, monitors),
  ]);
  const items = views.map((m) => {
    const u = uptime.get(m.id);
    return monitorListItemJson(m, u ? maintenanceAwareUptime(u) : null, recent.get(m.id) ?? '[]');
  });
  return `{"monitors":[${items.join(',')}]}`;
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
