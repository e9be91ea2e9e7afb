import 'server-only';
import { getDb } from '@/lib/db/client';
import { BULK_TRANSACTION } from '@/lib/data/database';
import type { Prisma, Tag } from '@/lib/generated/prisma/client';
import { ConflictError, LimitReachedError, NotFoundError } from '@/lib/errors';
import { lockUserForWrite } from '@/lib/data/users';

// The user's tags and which monitors carry them. Every function takes the owner's id and puts
// it in the where clause, so another user's tag is indistinguishable from a missing one.

export type TagRow = Tag & { _count: { monitors: number } };
const withCount = { _count: { select: { monitors: true } } } as const;

export function listTags(userId: string): Promise<TagRow[]> {
  return getDb().tag.findMany({ where: { userId }, orderBy: [{ name: 'asc' }, { id: 'asc' }], include: withCount });
}

export async function getTag(userId: string, id: string): Promise<TagRow> {
  const row = await getDb().tag.findFirst({ where: { id, userId }, include: withCount });
  if (!row) throw new NotFoundError('Tag');
  return row;
}

function nameClash(err: unknown): never {
  if ((err as { code?: string })?.code === 'P2002') throw new ConflictError('You already have a tag with this name');
  throw err;
}

export async function createTag(userId: string, data: { name: string; color: string }, maxPerUser: number): Promise<TagRow> {
  try {
    return await getDb().$transaction(async (tx) => {
      await lockUserForWrite(tx, userId);
      if ((await tx.tag.count({ where: { userId } })) >= maxPerUser) throw new LimitReachedError(`You can have at most ${maxPerUser} tags`);
      return tx.tag.create({ data: { ...data, userId }, include: withCount });
    });
  } catch (err) {
    nameClash(err);
  }
}

export async function updateTag(userId: string, id: string, data: Partial<{ name: string; color: string }>): Promise<TagRow> {
  try {
    const { count } = await getDb().tag.updateMany({ where: { id, userId }, data });
    if (count === 0) throw new NotFoundError('Tag');
  } catch (err) {
    nameClash(err);
  }
  return getTag(userId, id);
}

export async function deleteTag(userId: string, id: string): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const carriers = (await tx.monitorTag.findMany({ where: { tagId: id, tag: { userId } }, select: { monitorId: true } })).map((r) => r.monitorId);
    const { count } = await tx.tag.deleteMany({ where: { id, userId } });
    if (count === 0) throw new NotFoundError('Tag');
    // Their tags changed: the dashboard's delta feed reports them.
    await tx.monitor.updateMany({ where: { userId, id: { in: carriers } }, data: { updatedAt: new Date() } });
  });
}

/** The ids among `ids` that are not this user's tags (for a 400 naming them). */
export async function foreignTagIds(userId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const own = new Set((await getDb().tag.findMany({ where: { userId, id: { in: ids } }, select: { id: true } })).map((t) => t.id));
  return [...new Set(ids)].filter((id) => !own.has(id));
}

/** Tag ids of each monitor (the caller owns them), in one query. */
export async function tagIdsByMonitor(monitorIds: string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (monitorIds.length === 0) return result;
  const rows = await getDb().monitorTag.findMany({ where: { monitorId: { in: monitorIds } }, select: { monitorId: true, tagId: true } });
  for (const r of rows) {
    const list = result.get(r.monitorId);
    if (list) list.push(r.tagId);
    else result.set(r.monitorId, [r.tagId]);
  }
  return result;
}

/** Replaces a monitor's tags (the caller owns the monitor and checked the tag ids). */
export async function setMonitorTags(monitorId: string, tagIds: string[], db: Prisma.TransactionClient | ReturnType<typeof getDb> = getDb()): Promise<void> {
  await db.monitorTag.deleteMany({ where: { monitorId } });
  if (tagIds.length) await db.monitorTag.createMany({ data: tagIds.map((tagId) => ({ monitorId, tagId })) });
}

/** Adds or removes one tag on many monitors of the user; returns how many monitors it changed. */
export async function tagMonitors(userId: string, monitorIds: string[], tagId: string, add: boolean): Promise<number> {
  const db = getDb();
  return db.$transaction(async (tx) => {
    const tag = await tx.tag.findFirst({ where: { id: tagId, userId }, select: { id: true } });
    if (!tag) throw new NotFoundError('Tag');
    const owned = (await tx.monitor.findMany({ where: { userId, id: { in: monitorIds } }, select: { id: true } })).map((m) => m.id);
    const have = new Set((await tx.monitorTag.findMany({ where: { tagId, monitorId: { in: owned } }, select: { monitorId: true } })).map((r) => r.monitorId));
    const changed = add ? owned.filter((id) => !have.has(id)) : owned.filter((id) => have.has(id));
    if (add && changed.length) await tx.monitorTag.createMany({ data: changed.map((monitorId) => ({ monitorId, tagId })) });
    if (!add && changed.length) await tx.monitorTag.deleteMany({ where: { tagId, monitorId: { in: changed } } });
    // Their tags changed: the dashboard's delta feed reports them.
    if (changed.length) await tx.monitor.updateMany({ where: { userId, id: { in: changed } }, data: { updatedAt: new Date() } });
    return changed.length;
  }, BULK_TRANSACTION);
}
