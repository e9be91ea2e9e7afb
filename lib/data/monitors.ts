import 'server-only';
import { getDb } from '@/lib/db/client';
import type { Monitor } from '@/lib/generated/prisma/client';
import { LimitReachedError, NotFoundError } from '@/lib/errors';
import { fieldsToRowData, rowHeaders } from '@/lib/data/monitor-row';
import type { MonitorFields } from '@/lib/schemas/monitor';
import { randomToken } from '@/lib/ids';
import { monitorKind } from '@/lib/monitor-kinds';

// User-facing monitor access. Every function takes the owner's id and puts it in the
// where clause, so another user's monitor is indistinguishable from a missing one.

export async function findMonitor(userId: string, id: string): Promise<Monitor | null> {
  return getDb().monitor.findFirst({ where: { id, userId } });
}

export async function getMonitor(userId: string, id: string): Promise<Monitor> {
  const monitor = await findMonitor(userId, id);
  if (!monitor) throw new NotFoundError('Monitor');
  return monitor;
}

export function listMonitors(userId: string): Promise<Monitor[]> {
  return getDb().monitor.findMany({ where: { userId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
}

export function countMonitors(userId: string): Promise<number> {
  return getDb().monitor.count({ where: { userId } });
}

/** Creates the monitor with its channels in one transaction; the channel ids must be the user's (checked by the caller). */
export async function createMonitor(userId: string, fields: MonitorFields, maxPerUser: number, channelIds: string[] = []): Promise<Monitor> {
  const db = getDb();
  return db.$transaction(async (tx) => {
    // Counted inside the write transaction so parallel creates cannot slip past the limit.
    const count = await tx.monitor.count({ where: { userId } });
    if (count >= maxPerUser) throw new LimitReachedError(`You can have at most ${maxPerUser} monitors`);
    return tx.monitor.create({
      data: {
        ...fieldsToRowData(fields),
        userId,
        heartbeatToken: monitorKind(fields.type).needsPushToken ? randomToken() : null,
        ...(channelIds.length ? { channels: { create: channelIds.map((channelId) => ({ channelId })) } } : {}),
      },
    });
  });
}

export async function updateMonitor(userId: string, current: Monitor, fields: MonitorFields): Promise<Monitor> {
  const { count } = await getDb().monitor.updateMany({
    where: { id: current.id, userId },
    data: {
      ...fieldsToRowData(fields, rowHeaders(current)),
      heartbeatToken: monitorKind(fields.type).needsPushToken ? (current.heartbeatToken ?? randomToken()) : null,
    },
  });
  if (count === 0) throw new NotFoundError('Monitor');
  return getMonitor(userId, current.id);
}

export async function deleteMonitor(userId: string, id: string): Promise<void> {
  const { count } = await getDb().monitor.deleteMany({ where: { id, userId } });
  if (count === 0) throw new NotFoundError('Monitor');
}
