import 'server-only';
import { getDb } from '@/lib/db/client';
import { BULK_TRANSACTION } from '@/lib/data/database';
import type { ChannelKind, NotificationChannel, Prisma } from '@/lib/generated/prisma/client';
import { LimitReachedError, NotFoundError } from '@/lib/errors';
import { lockUserForWrite } from '@/lib/data/users';

// User-facing channel access. Every function takes the owner's id and puts it in the where
// clause, so another user's channel is indistinguishable from a missing one.

export type ChannelRow = NotificationChannel & { _count: { monitors: number } };

const withCount = { _count: { select: { monitors: true } } } as const;

export function listChannels(userId: string): Promise<ChannelRow[]> {
  return getDb().notificationChannel.findMany({ where: { userId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], include: withCount });
}

export async function getChannel(userId: string, id: string): Promise<ChannelRow> {
  const row = await getDb().notificationChannel.findFirst({ where: { id, userId }, include: withCount });
  if (!row) throw new NotFoundError('Channel');
  return row;
}

export interface ChannelData {
  kind: ChannelKind;
  name: string;
  settings: Prisma.InputJsonValue;
  enabled: boolean;
  isDefault: boolean;
  confirmedAt: Date | null;
  confirmToken: string | null;
}

export async function createChannel(userId: string, data: ChannelData, maxPerUser: number): Promise<ChannelRow> {
  return getDb().$transaction(async (tx) => {
    // Counted inside the write transaction, after locking the user, so parallel creates (on any instance) cannot slip past the limit.
    await lockUserForWrite(tx, userId);
    if ((await tx.notificationChannel.count({ where: { userId } })) >= maxPerUser) {
      throw new LimitReachedError(`You can have at most ${maxPerUser} notification channels`);
    }
    return tx.notificationChannel.create({ data: { ...data, userId }, include: withCount });
  });
}

export async function updateChannel(userId: string, id: string, data: Partial<ChannelData>): Promise<ChannelRow> {
  const { count } = await getDb().notificationChannel.updateMany({ where: { id, userId }, data });
  if (count === 0) throw new NotFoundError('Channel');
  return getChannel(userId, id);
}

export async function deleteChannel(userId: string, id: string): Promise<void> {
  const { count } = await getDb().notificationChannel.deleteMany({ where: { id, userId } });
  if (count === 0) throw new NotFoundError('Channel');
}

/** The ids among `ids` that are not this user's channels (for a 400 naming them). */
export async function foreignChannelIds(userId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const own = await getDb().notificationChannel.findMany({ where: { userId, id: { in: ids } }, select: { id: true } });
  const ownIds = new Set(own.map((c) => c.id));
  return ids.filter((id) => !ownIds.has(id));
}

export async function defaultChannelIds(userId: string): Promise<string[]> {
  const rows = await getDb().notificationChannel.findMany({ where: { userId, isDefault: true }, select: { id: true }, orderBy: { createdAt: 'asc' } });
  return rows.map((r) => r.id);
}

/** Replaces the channels of a monitor the caller already owns; the channel ids must be the caller's (checked by the caller). */
export async function setMonitorChannels(monitorId: string, channelIds: string[]): Promise<void> {
  const db = getDb();
  await db.$transaction([
    db.monitorChannel.deleteMany({ where: { monitorId, channelId: { notIn: channelIds } } }),
    ...channelIds.map((channelId) =>
      db.monitorChannel.upsert({ where: { monitorId_channelId: { monitorId, channelId } }, create: { monitorId, channelId }, update: {} }),
    ),
  ]);
}

/** Sets the same channels on many of the user's monitors in one transaction; returns how many monitors it covered. */
export async function setChannelsOfMonitors(userId: string, monitorIds: string[], channelIds: string[]): Promise<number> {
  const db = getDb();
  return db.$transaction(async (tx) => {
    const owned = (await tx.monitor.findMany({ where: { userId, id: { in: monitorIds } }, select: { id: true } })).map((m) => m.id);
    await tx.monitorChannel.deleteMany({ where: { monitorId: { in: owned } } });
    if (owned.length && channelIds.length) {
      await tx.monitorChannel.createMany({ data: owned.flatMap((monitorId) => channelIds.map((channelId) => ({ monitorId, channelId }))) });
    }
    // Their channels changed: the dashboard's delta feed reports them.
    if (owned.length) await tx.monitor.updateMany({ where: { userId, id: { in: owned } }, data: { updatedAt: new Date() } });
    return owned.length;
  }, BULK_TRANSACTION);
}

/** Channel ids of many monitors, for monitor JSON. */
export async function channelIdsByMonitor(monitorIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(monitorIds.map((id) => [id, []]));
  if (monitorIds.length === 0) return out;
  const rows = await getDb().monitorChannel.findMany({ where: { monitorId: { in: monitorIds } }, select: { monitorId: true, channelId: true } });
  for (const r of rows) out.get(r.monitorId)?.push(r.channelId);
  return out;
}

/** The user's channels that can deliver now (enabled, and confirmed when email), by id. */
export async function workingChannelIds(userId: string, usableKinds: readonly ChannelKind[]): Promise<Set<string>> {
  const rows = await getDb().notificationChannel.findMany({
    where: { userId, enabled: true, kind: { in: [...usableKinds] }, OR: [{ kind: { not: 'email' } }, { confirmedAt: { not: null } }] },
    select: { id: true },
  });
  return new Set(rows.map((r) => r.id));
}

/** Confirms an email channel by the token mailed to its address; the channel or null. */
export async function confirmChannelByToken(token: string, at: Date): Promise<NotificationChannel | null> {
  const db = getDb();
  const row = await db.notificationChannel.findUnique({ where: { confirmToken: token } });
  if (!row) return null;
  await db.notificationChannel.updateMany({ where: { id: row.id, confirmToken: token }, data: { confirmedAt: at, confirmToken: null } });
  return { ...row, confirmedAt: at, confirmToken: null };
}

export function findChannelByToken(token: string): Promise<NotificationChannel | null> {
  return getDb().notificationChannel.findUnique({ where: { confirmToken: token } });
}

/**
 * Gives every user not yet provisioned an email channel to their own address, default and
 * enabled, attached to all their monitors: today's behaviour for installs that alerted by email.
 * The flag is claimed with a conditional update, so two instances starting together provision once.
 */
export async function provisionOwnEmailChannels(name: string, userId?: string): Promise<number> {
  const db = getDb();
  const users = await db.user.findMany({ where: { emailChannelProvisioned: false, ...(userId ? { id: userId } : {}) }, select: { id: true, email: true } });
  let created = 0;
  for (const u of users) {
    await db.$transaction(async (tx) => {
      const claim = await tx.user.updateMany({ where: { id: u.id, emailChannelProvisioned: false }, data: { emailChannelProvisioned: true } });
      if (claim.count === 0) return;
      const channel = await tx.notificationChannel.create({
        data: { userId: u.id, kind: 'email', name, settings: { address: u.email }, enabled: true, isDefault: true, confirmedAt: new Date() },
      });
      const monitors = await tx.monitor.findMany({ where: { userId: u.id }, select: { id: true } });
      if (monitors.length) await tx.monitorChannel.createMany({ data: monitors.map((m) => ({ monitorId: m.id, channelId: channel.id })) });
      created++;
    });
  }
  return created;
}
