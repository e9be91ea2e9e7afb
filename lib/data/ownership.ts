import 'server-only';
import { getDb, getDialect } from '@/lib/db/client';
import type { Monitor } from '@/lib/generated/prisma/client';

// Which instance checks which monitor: Monitor.ownerId names a live Instance. Claims are one
// conditional statement (lib/db skips rows other claims hold), releases are conditional on still
// being the owner, so two instances never both hold a monitor.

export function countActiveMonitors(): Promise<number> {
  return getDb().monitor.count({ where: { active: true } });
}

/** Claims up to `limit` active monitors without a live owner and returns them. */
export async function claimMonitors(instanceId: string, limit: number, now: Date): Promise<Monitor[]> {
  if (limit <= 0) return [];
  const ids = await getDialect().sql.claimMonitors(getDb(), instanceId, limit, now.getTime());
  if (ids.length === 0) return [];
  return getDb().monitor.findMany({ where: { id: { in: ids }, ownerId: instanceId } });
}

/** Claims one monitor when it is active and has no live owner; null when someone else has it. */
export async function claimMonitor(instanceId: string, monitorId: string, liveIds: string[]): Promise<Monitor | null> {
  const { count } = await getDb().monitor.updateMany({
    where: { id: monitorId, active: true, OR: [{ ownerId: null }, { ownerId: { notIn: liveIds } }] },
    data: { ownerId: instanceId },
  });
  if (count === 0) return null;
  return getDb().monitor.findFirst({ where: { id: monitorId, ownerId: instanceId } });
}

/** Gives monitors back, each with the time its next check is due, so the next owner keeps the cadence. */
export async function releaseMonitors(instanceId: string, handoffs: Array<{ id: string; nextDueAt: Date | null }>): Promise<void> {
  if (handoffs.length === 0) return;
  const db = getDb();
  await db.$transaction(
    handoffs.map((h) => db.monitor.updateMany({ where: { id: h.id, ownerId: instanceId }, data: { ownerId: null, nextDueAt: h.nextDueAt } })),
  );
}

/** The revision of each monitor this instance owns, to notice changes whose signal was lost. */
export async function ownedRevisions(instanceId: string): Promise<Map<string, number>> {
  const rows = await getDb().monitor.findMany({ where: { ownerId: instanceId }, select: { id: true, revision: true, active: true } });
  return new Map(rows.filter((r) => r.active).map((r) => [r.id, r.revision]));
}

export function loadMonitor(id: string): Promise<Monitor | null> {
  return getDb().monitor.findUnique({ where: { id } });
}
