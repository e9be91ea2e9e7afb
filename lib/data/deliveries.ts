import 'server-only';
import { getDb } from '@/lib/db/client';
import type { AlertEvent, AlertKind, ChannelKind, Delivery, DeliveryState, NotificationChannel, Prisma } from '@/lib/generated/prisma/client';

// The delivery loop's table access. A claim is a conditional update: a delivery is taken only
// while it is due, unfinished and its lease is free or expired, so two loops (in two
// processes) never send the same row at the same time. Grouping claims the same way: a claimed
// delivery's companions (same channel, same kind, events within the window after its own) are
// taken by the same conditional update, so a delivery is in one group of one loop at most.

const OPEN: DeliveryState[] = ['pending', 'retrying'];

const leaseFree = (now: Date): Prisma.DeliveryWhereInput => ({ OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] });
const CLAIMED_INCLUDE = {
  event: true,
  channel: { select: { id: true, userId: true, kind: true, name: true, settings: true, enabled: true, confirmedAt: true } },
} as const;

export type ClaimedDelivery = Delivery & {
  event: AlertEvent;
  channel: Pick<NotificationChannel, 'id' | 'userId' | 'kind' | 'name' | 'settings' | 'enabled' | 'confirmedAt'> | null;
};

/**
 * Claims up to `limit` due deliveries for `owner` until `leaseUntil`, oldest first, skipping
 * any that must wait for an earlier unfinished delivery of the same monitor on the same
 * channel (an UP never overtakes its DOWN). `exclude` lists rows this process already holds.
 */
export async function claimDueDeliveries(owner: string, now: Date, leaseUntil: Date, limit: number, exclude: string[] = []): Promise<ClaimedDelivery[]> {
  const db = getDb();
  const due = await db.delivery.findMany({
    where: { state: { in: OPEN }, nextAttemptAt: { lte: now }, ...leaseFree(now), id: { notIn: exclude } },
    orderBy: [{ nextAttemptAt: 'asc' }, { eventId: 'asc' }],
    take: limit * 2,
    select: { id: true, channelId: true, monitorId: true, eventId: true },
  });
  const ready = (await unblocked(due)).slice(0, limit);
  return claimRows(owner, now, leaseUntil, ready.map((d) => d.id));
}

type Candidate = { id: string; channelId: string | null; monitorId: string; eventId: string };

/** The rows that are the earliest unfinished delivery of their monitor on their channel (or have no channel). */
async function unblocked<T extends Candidate>(rows: T[]): Promise<T[]> {
  if (rows.length === 0) return [];
  const db = getDb();
  const blockers = await db.delivery.findMany({
    where: {
      state: { in: OPEN },
      channelId: { in: [...new Set(rows.flatMap((d) => (d.channelId ? [d.channelId] : [])))] },
      monitorId: { in: [...new Set(rows.map((d) => d.monitorId))] },
    },
    select: { channelId: true, monitorId: true, eventId: true },
  });
  const firstOpen = new Map<string, string>();
  for (const b of blockers) {
    const key = `${b.channelId}|${b.monitorId}`;
    const seen = firstOpen.get(key);
    if (seen === undefined || b.eventId < seen) firstOpen.set(key, b.eventId);
  }
  return rows.filter((d) => !d.channelId || firstOpen.get(`${d.channelId}|${d.monitorId}`) === d.eventId);
}

/** Takes the lease on those of `ids` still open and free, and returns the rows this owner got. */
async function claimRows(owner: string, now: Date, leaseUntil: Date, ids: string[]): Promise<ClaimedDelivery[]> {
  if (ids.length === 0) return [];
  const db = getDb();
  const { count } = await db.delivery.updateMany({
    where: { id: { in: ids }, state: { in: OPEN }, ...leaseFree(now) },
    data: { leaseOwner: owner, leaseUntil },
  });
  if (count === 0) return [];
  return db.delivery.findMany({ where: { id: { in: ids }, leaseOwner: owner, leaseUntil }, include: CLAIMED_INCLUDE });
}

export interface Grouping {
  /** Events created this long after a group's first event may join it. */
  windowMs: number;
  /** Members of one message at most. */
  maxSize: number;
  /** Whether a delivery of this event kind on this channel kind may be sent in a group. */
  groups(channelKind: ChannelKind, eventKind: AlertKind): boolean;
}

const byEvent = (a: ClaimedDelivery, b: ClaimedDelivery) => a.event.createdAt.getTime() - b.event.createdAt.getTime() || (a.eventId < b.eventId ? -1 : 1);

/**
 * Claims like claimDueDeliveries, as groups, each one message: every due delivery that may
 * be grouped gathers the other open deliveries of its channel and event kind whose events were
 * created within `windowMs` after its own (due or not, lease free, each the earliest unfinished
 * delivery of its monitor on that channel), up to `maxSize`, claimed by the same conditional
 * update. Each group is in event order. `limit` counts groups.
 */
export async function claimDueGroups(owner: string, now: Date, leaseUntil: Date, limit: number, exclude: string[], grouping: Grouping): Promise<ClaimedDelivery[][]> {
  const claimed = (await claimDueDeliveries(owner, now, leaseUntil, limit, exclude)).sort(byEvent);
  const groups: ClaimedDelivery[][] = [];
  const latest = new Map<string, ClaimedDelivery[]>();
  const groupable = (d: ClaimedDelivery) => d.channelId !== null && grouping.groups(d.channelKind, d.event.kind);
  // Due rows of one channel and kind that fall in one window already form a group.
  for (const d of claimed) {
    const key = `${d.channelId}|${d.event.kind}`;
    const open = groupable(d) ? latest.get(key) : undefined;
    if (open && open.length < grouping.maxSize && d.event.createdAt.getTime() <= open[0].event.createdAt.getTime() + grouping.windowMs) {
      open.push(d);
      continue;
    }
    groups.push([d]);
    if (groupable(d)) latest.set(key, groups[groups.length - 1]);
  }
  const taken = new Set([...exclude, ...claimed.map((d) => d.id)]);
  for (const group of groups) {
    if (!groupable(group[0]) || group.length >= grouping.maxSize) continue;
    const more = await claimCompanions(owner, now, leaseUntil, group[0], grouping, grouping.maxSize - group.length, taken);
    for (const d of more) taken.add(d.id);
    group.push(...more);
    group.sort(byEvent);
  }
  return groups;
}

async function claimCompanions(owner: string, now: Date, leaseUntil: Date, first: ClaimedDelivery, grouping: Grouping, room: number, taken: Set<string>): Promise<ClaimedDelivery[]> {
  const from = first.event.createdAt;
  const rows = await getDb().delivery.findMany({
    where: {
      channelId: first.channelId,
      state: { in: OPEN },
      ...leaseFree(now),
      event: { kind: first.event.kind, createdAt: { gte: from, lte: new Date(from.getTime() + grouping.windowMs) } },
    },
    orderBy: { eventId: 'asc' },
    // Room for a few that must wait for an earlier delivery of their monitor.
    take: room * 2,
    select: { id: true, channelId: true, monitorId: true, eventId: true },
  });
  const ready = (await unblocked(rows.filter((r) => !taken.has(r.id)))).slice(0, room);
  return claimRows(owner, now, leaseUntil, ready.map((r) => r.id));
}

/**
 * Of these incidents, those whose opening alert (`kind`: DOWN, or DEGRADED) was given up on
 * this channel, so the UP (DEGRADED_RESOLVED) that ends it says so.
 */
export async function undeliveredOpenings(incidentIds: string[], channelId: string, kind: AlertKind): Promise<Set<string>> {
  if (incidentIds.length === 0) return new Set();
  const rows = await getDb().delivery.findMany({
    where: { channelId, state: 'failed', event: { incidentId: { in: incidentIds }, kind } },
    select: { event: { select: { incidentId: true } } },
  });
  return new Set(rows.flatMap((r) => (r.event.incidentId ? [r.event.incidentId] : [])));
}

export interface AttemptOutcome {
  state: 'delivered' | 'retrying' | 'failed';
  lastError: string | null;
  providerStatus: number | null;
  nextAttemptAt?: Date;
  at: Date;
}

/**
 * Records one attempt on each of these deliveries (one message: a delivery or a group), only on
 * those this owner still holds the lease of; returns how many that was.
 */
export async function recordAttempt(ids: string[], owner: string, outcome: AttemptOutcome): Promise<number> {
  const { count } = await getDb().delivery.updateMany({
    where: { id: { in: ids }, leaseOwner: owner },
    data: {
      state: outcome.state,
      attempts: { increment: 1 },
      lastError: outcome.lastError?.slice(0, 1000) ?? null,
      providerStatus: outcome.providerStatus,
      leaseOwner: null,
      leaseUntil: null,
      ...(outcome.state === 'delivered' ? { deliveredAt: outcome.at } : {}),
      ...(outcome.nextAttemptAt ? { nextAttemptAt: outcome.nextAttemptAt } : {}),
    },
  });
  return count;
}

/** When the next open delivery falls due after `now` (a held alert, a retry), so the loop can wake then. */
export async function nextDueAfter(now: Date): Promise<Date | null> {
  const row = await getDb().delivery.findFirst({
    where: { state: { in: OPEN }, nextAttemptAt: { gt: now }, ...leaseFree(now) },
    orderBy: { nextAttemptAt: 'asc' },
    select: { nextAttemptAt: true },
  });
  return row?.nextAttemptAt ?? null;
}

/** Gives back leases without an attempt (shutdown, or a row that must wait). */
export async function releaseLeases(owner: string, ids?: string[]): Promise<void> {
  await getDb().delivery.updateMany({ where: { leaseOwner: owner, ...(ids ? { id: { in: ids } } : {}) }, data: { leaseOwner: null, leaseUntil: null } });
}

/**
 * Leases held by instances that are no longer live are void: the deliveries they were sending
 * go out now instead of when the lease would have run out. (A delivery loop's lease owner is
 * its instance's id.)
 */
export async function releaseLeasesOfDeadInstances(liveInstanceIds: string[]): Promise<number> {
  const { count } = await getDb().delivery.updateMany({
    where: { leaseOwner: { not: null, notIn: liveInstanceIds } },
    data: { leaseOwner: null, leaseUntil: null },
  });
  return count;
}

export type MonitorDelivery = Delivery & { event: Pick<AlertEvent, 'kind' | 'incidentId' | 'cause'> };

/** A monitor's deliveries, newest first. The caller must own monitorId. */
export function deliveriesOfMonitor(monitorId: string, limit: number): Promise<MonitorDelivery[]> {
  return getDb().delivery.findMany({
    where: { monitorId },
    orderBy: [{ createdAt: 'desc' }, { eventId: 'desc' }],
    take: limit,
    include: { event: { select: { kind: true, incidentId: true, cause: true } } },
  });
}

/** Counts by state and channel kind, for the health check and metrics. */
export async function deliveryBacklog(): Promise<Array<{ state: DeliveryState; channelKind: ChannelKind; count: number }>> {
  const rows = await getDb().delivery.groupBy({ by: ['state', 'channelKind'], where: { state: { in: OPEN } }, _count: { _all: true } });
  return rows.map((r) => ({ state: r.state, channelKind: r.channelKind, count: r._count._all }));
}
