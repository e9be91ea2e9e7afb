import 'server-only';
import { getDb } from '@/lib/db/client';
import { BULK_TRANSACTION } from '@/lib/data/database';
import type { Monitor, MonitorType, Prisma } from '@/lib/generated/prisma/client';
import { InvalidError, LimitReachedError, NotFoundError } from '@/lib/errors';
import { fieldsToRowData, rowHeaders } from '@/lib/data/monitor-row';
import type { MonitorFields } from '@/lib/schemas/monitor';
import { randomToken } from '@/lib/ids';
import { monitorKind } from '@/lib/monitor-kinds';
import { lockUserForWrite } from '@/lib/data/users';

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

/**
 * The chain of parents above a monitor of this user, nearest first, as far as `maxDepth`: the
 * ids met, and whether the chain left the user's monitors (an unknown id).
 */
export async function parentChain(userId: string, startId: string, maxDepth: number): Promise<{ ids: string[]; unknown: boolean }> {
  const ids: string[] = [];
  let next: string | null = startId;
  while (next && ids.length < maxDepth && !ids.includes(next)) {
    const row: { id: string; parentId: string | null } | null = await getDb().monitor.findFirst({ where: { id: next, userId }, select: { id: true, parentId: true } });
    if (!row) return { ids, unknown: true };
    ids.push(row.id);
    next = row.parentId;
  }
  return { ids, unknown: false };
}

/** A user's monitors that name this one as their parent. */
export function childrenOf(userId: string, parentId: string): Promise<Array<Pick<Monitor, 'id' | 'name' | 'status' | 'active'>>> {
  return getDb().monitor.findMany({ where: { userId, parentId }, select: { id: true, name: true, status: true, active: true }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
}

/**
 * Every monitor of the user, oldest first. A raw SELECT * gives the same typed values as
 * findMany (tests/unit/db/monitor-rows.ts holds them to it) in a quarter of the time: Prisma's
 * result mapping spent about 35 ms on 1,000 rows of 55 columns, the list's largest single cost.
 */
export function listMonitors(userId: string): Promise<Monitor[]> {
  return getDb().$queryRaw<Monitor[]>`SELECT * FROM "Monitor" WHERE "userId" = ${userId} ORDER BY "createdAt" ASC, "id" ASC`;
}

export function countMonitors(userId: string): Promise<number> {
  return getDb().monitor.count({ where: { userId } });
}

/**
 * The per-user check budget: the checks per second a user's active monitors of the given
 * types make together (the sum of 1/interval), this monitor's share included, may not pass
 * `maxPerSecond`. Checked inside the write transaction, so parallel writes cannot slip past it.
 */
export interface CheckBudget {
  maxPerSecond: number;
  /** Types whose monitors make outbound checks (push monitors make none). */
  probedTypes: MonitorType[];
  /** What this monitor adds after the write: 1/interval when active and probed, else 0. */
  rate: number;
}

/**
 * How many checks a second the matching monitors make together. Summed per distinct interval in
 * the database: reading every monitor's row made each create O(n), and creating 10,000 monitors
 * one by one slowed from 28 a second to 7.
 */
export async function checksPerSecond(tx: Prisma.TransactionClient, where: Prisma.MonitorWhereInput): Promise<number> {
  const groups = await tx.monitor.groupBy({ by: ['intervalSeconds'], where, _count: { _all: true } });
  return groups.reduce((sum, g) => sum + g._count._all / g.intervalSeconds, 0);
}

async function assertWithinBudget(tx: Prisma.TransactionClient, userId: string, budget: CheckBudget, exceptId: string | null): Promise<void> {
  if (budget.rate === 0) return;
  const others = await checksPerSecond(tx, { userId, active: true, type: { in: budget.probedTypes }, ...(exceptId ? { id: { not: exceptId } } : {}) });
  const total = others + budget.rate;
  // A little slack for floating point: 20 monitors at 1 s is exactly the default budget.
  if (total > budget.maxPerSecond + 1e-9) {
    throw InvalidError.field(
      ['intervalSeconds'],
      `This would make your active monitors check ${total.toFixed(2)} times per second; the budget on this server is ${budget.maxPerSecond} per user. Use a longer interval or pause another monitor.`,
      'Check budget exceeded',
    );
  }
}

/** Creates the monitor with its channels in one transaction; the channel ids must be the user's (checked by the caller). */
export async function createMonitor(userId: string, fields: MonitorFields, maxPerUser: number, channelIds: string[] = [], budget?: CheckBudget): Promise<Monitor> {
  const db = getDb();
  return db.$transaction(async (tx) => {
    // Counted inside the write transaction, after locking the user, so parallel creates (on any instance) cannot slip past the limit.
    await lockUserForWrite(tx, userId);
    const count = await tx.monitor.count({ where: { userId } });
    if (count >= maxPerUser) throw new LimitReachedError(`You can have at most ${maxPerUser} monitors`);
    if (budget) await assertWithinBudget(tx, userId, budget, null);
    return tx.monitor.create({
      data: {
        ...fieldsToRowData(fields),
        userId,
        heartbeatToken: monitorKind(fields.type).needsPushToken ? randomToken() : null,
        badgeKey: fields.publicBadge ? randomToken(18) : null,
        ...(channelIds.length ? { channels: { create: channelIds.map((channelId) => ({ channelId })) } } : {}),
      },
    });
  });
}

export async function updateMonitor(userId: string, current: Monitor, fields: MonitorFields, budget?: CheckBudget): Promise<Monitor> {
  const count = await getDb().$transaction(async (tx) => {
    if (budget) {
      await lockUserForWrite(tx, userId);
      await assertWithinBudget(tx, userId, budget, current.id);
    }
    const result = await tx.monitor.updateMany({
      where: { id: current.id, userId },
      data: {
        ...fieldsToRowData(fields, rowHeaders(current)),
        heartbeatToken: monitorKind(fields.type).needsPushToken ? (current.heartbeatToken ?? randomToken()) : null,
        // Kept while the badge is off, so turning it back on revives the URLs already embedded.
        badgeKey: fields.publicBadge ? (current.badgeKey ?? randomToken(18)) : current.badgeKey,
        // Owners compare revisions to notice a change whose signal they missed (lib/cluster).
        revision: { increment: 1 },
      },
    });
    return result.count;
  });
  if (count === 0) throw new NotFoundError('Monitor');
  return getMonitor(userId, current.id);
}

export async function deleteMonitor(userId: string, id: string): Promise<void> {
  const { count } = await getDb().monitor.deleteMany({ where: { id, userId } });
  if (count === 0) throw new NotFoundError('Monitor');
}

/** The ids among `ids` that are not this user's monitors (for a 400 naming them). */
export async function foreignMonitorIds(userId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const own = await getDb().monitor.findMany({ where: { userId, id: { in: ids } }, select: { id: true } });
  const ownIds = new Set(own.map((m) => m.id));
  return [...new Set(ids)].filter((id) => !ownIds.has(id));
}

/**
 * Pauses or resumes many of the user's monitors in one transaction; a resume is held to the
 * check budget as a whole. Returns the monitors it changed, as stored now.
 */
export async function setMonitorsActive(userId: string, ids: string[], active: boolean, budget: Omit<CheckBudget, 'rate'>): Promise<Monitor[]> {
  const db = getDb();
  const changed = await db.$transaction(async (tx) => {
    await lockUserForWrite(tx, userId);
    const targets = await tx.monitor.findMany({ where: { userId, id: { in: ids }, active: !active }, select: { id: true, type: true, intervalSeconds: true } });
    if (targets.length === 0) return [];
    if (active) {
      // The targets are paused now, so they are not among the active ones counted in the database.
      const resumed = targets.filter((t) => budget.probedTypes.includes(t.type)).reduce((sum, t) => sum + 1 / t.intervalSeconds, 0);
      const total = (await checksPerSecond(tx, { userId, active: true, type: { in: budget.probedTypes } })) + resumed;
      if (total > budget.maxPerSecond + 1e-9) {
        throw InvalidError.field(
          ['monitorIds'],
          `Resuming these would make your active monitors check ${total.toFixed(2)} times per second; the budget on this server is ${budget.maxPerSecond} per user.`,
          'Check budget exceeded',
        );
      }
    }
    const targetIds = targets.map((t) => t.id);
    await tx.monitor.updateMany({ where: { userId, id: { in: targetIds } }, data: { active, revision: { increment: 1 } } });
    return targetIds;
  }, BULK_TRANSACTION);
  return changed.length ? db.monitor.findMany({ where: { userId, id: { in: changed } } }) : [];
}

/** Deletes many of the user's monitors; returns the ids that were deleted. */
export async function deleteMonitors(userId: string, ids: string[]): Promise<string[]> {
  const db = getDb();
  return db.$transaction(async (tx) => {
    const owned = (await tx.monitor.findMany({ where: { userId, id: { in: ids } }, select: { id: true } })).map((m) => m.id);
    if (owned.length) await tx.monitor.deleteMany({ where: { userId, id: { in: owned } } });
    return owned;
  }, BULK_TRANSACTION);
}

/** The columns the dashboard's rows need. */
const dashboardFields = {
  id: true,
  userId: true,
  name: true,
  type: true,
  url: true,
  host: true,
  port: true,
  active: true,
  status: true,
  statusChangedAt: true,
  lastCheckedAt: true,
  lastLatencyMs: true,
  lastCause: true,
  lastError: true,
  consecutiveFailures: true,
  retries: true,
  streak: true,
  successThreshold: true,
  parentId: true,
  intervalSeconds: true,
} as const satisfies Prisma.MonitorSelect;
export type DashboardMonitorRow = Prisma.MonitorGetPayload<{ select: typeof dashboardFields }>;

/** The user's monitors for the dashboard (changed at or after `since`, when given), in creation order. */
export function dashboardMonitors(userId: string, since?: Date): Promise<DashboardMonitorRow[]> {
  return getDb().monitor.findMany({
    where: { userId, ...(since ? { updatedAt: { gte: since } } : {}) },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: dashboardFields,
  });
}

/**
 * Marks monitors as changed (updatedAt) without changing a setting: their tags, channels or
 * maintenance changed, which the dashboard's delta feed must report. `'all'`: every monitor of the user.
 */
export async function touchMonitors(userId: string, ids: string[] | 'all', db: Prisma.TransactionClient | ReturnType<typeof getDb> = getDb()): Promise<void> {
  if (ids !== 'all' && ids.length === 0) return;
  await db.monitor.updateMany({ where: { userId, ...(ids === 'all' ? {} : { id: { in: ids } }) }, data: { updatedAt: new Date() } });
}

/** Dashboard rows of some of the user's monitors. */
export function dashboardMonitorsByIds(userId: string, ids: string[]): Promise<DashboardMonitorRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return getDb().monitor.findMany({ where: { userId, id: { in: ids } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: dashboardFields });
}
