import 'server-only';
import type { Monitor } from '@/lib/generated/prisma/client';
import { channelIdsByMonitor, workingChannelIds } from '@/lib/data/channels';
import { channelKindsFor } from '@/lib/alerting/runtime';

// What a monitor's JSON says about its alerts: which channels it uses, and whether any of them
// can deliver now, so the dashboard can say plainly when nobody would be told.

export type MonitorView = Monitor & { channelIds: string[]; hasWorkingChannel: boolean };

/** Two queries for any number of monitors of one user. */
export async function withAlerting(userId: string, monitors: Monitor[]): Promise<MonitorView[]> {
  if (monitors.length === 0) return [];
  const [byMonitor, working] = await Promise.all([channelIdsByMonitor(monitors.map((m) => m.id)), workingChannelIds(userId, channelKindsFor('DOWN'))]);
  return monitors.map((m) => {
    const channelIds = byMonitor.get(m.id) ?? [];
    return { ...m, channelIds, hasWorkingChannel: channelIds.some((id) => working.has(id)) };
  });
}
