import 'server-only';
import type { Monitor } from '@/lib/generated/prisma/client';
import { channelIdsByMonitor, workingChannelIds } from '@/lib/data/channels';
import { channelKindsFor } from '@/lib/alerting/runtime';
import { tagIdsByMonitor } from '@/lib/data/tags';
import { openIncidentReasons } from '@/lib/data/incidents';
import { loadCalendarWindows } from '@/lib/data/maintenance-windows';
import { MaintenanceCalendar, type MaintenanceNow } from '@/lib/domain/maintenance-calendar';

// What a monitor's JSON says beyond its own row: which channels it uses, whether any of them can
// deliver now (so the dashboard can say plainly when nobody would be told), its tags, and the
// maintenance window covering it now, during which its failures alert nobody.

export type MonitorView = Monitor & {
  channelIds: string[];
  hasWorkingChannel: boolean;
  tagIds: string[];
  maintenance: MaintenanceNow | null;
  /** Why a DEGRADED monitor is: its open slowness incident's reason. */
  degradedReason: string | null;
};

/** Five queries at most for any number of monitors of one user. */
export async function toMonitorViews(userId: string, monitors: Monitor[], now = new Date()): Promise<MonitorView[]> {
  if (monitors.length === 0) return [];
  const degraded = monitors.filter((m) => m.status === 'DEGRADED').map((m) => m.id);
  const [byMonitor, working, windows, tags, reasons] = await Promise.all([
    channelIdsByMonitor(monitors.map((m) => m.id)),
    workingChannelIds(userId, channelKindsFor('DOWN')),
    loadCalendarWindows(userId),
    tagIdsByMonitor(monitors.map((m) => m.id)),
    degraded.length ? openIncidentReasons(degraded) : new Map<string, string | null>(),
  ]);
  const calendar = new MaintenanceCalendar(windows);
  return monitors.map((m) => {
    const channelIds = byMonitor.get(m.id) ?? [];
    return {
      ...m,
      channelIds,
      hasWorkingChannel: channelIds.some((id) => working.has(id)),
      tagIds: tags.get(m.id) ?? [],
      maintenance: calendar.nowFor(m, now),
      degradedReason: reasons.get(m.id) ?? null,
    };
  });
}
