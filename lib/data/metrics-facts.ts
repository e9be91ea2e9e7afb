import 'server-only';
import { getDb } from '@/lib/db/client';
import { ChannelKind } from '@/lib/generated/prisma/client';

// The installation-wide facts GET /metrics reports from one instance: paused monitors (which no
// instance owns, so no worker holds them) and alert deliveries by channel kind. One query each,
// whatever the number of monitors or deliveries.

export interface PausedMonitor {
  id: string;
  name: string;
  type: string;
  userId: string;
}

/** Every paused monitor, with what its labels need (served by the Monitor (active, ownerId) index). */
export function listPausedMonitors(): Promise<PausedMonitor[]> {
  return getDb().monitor.findMany({ where: { active: false }, select: { id: true, name: true, type: true, userId: true } });
}

/** Per channel kind (every kind, zeros included): deliveries pending or retrying, and those that failed for good. */
export async function countDeliveriesByKind(): Promise<Array<{ channelKind: string; pending: number; failed: number }>> {
  const groups = await getDb().delivery.groupBy({
    by: ['channelKind', 'state'],
    where: { state: { in: ['pending', 'retrying', 'failed'] } },
    _count: { _all: true },
  });
  const byKind = new Map(Object.values(ChannelKind).map((kind) => [kind as string, { channelKind: kind as string, pending: 0, failed: 0 }]));
  for (const g of groups) {
    const row = byKind.get(g.channelKind);
    if (!row) continue;
    if (g.state === 'failed') row.failed += g._count._all;
    else row.pending += g._count._all;
  }
  return [...byKind.values()];
}
