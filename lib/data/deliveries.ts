import 'server-only';
import { getDb } from '@/lib/db/client';
import type { AlertEvent, ChannelKind, Delivery, DeliveryState, NotificationChannel } from '@/lib/generated/prisma/client';

// The delivery loop's table access. A claim is a conditional update: a delivery is taken only
// while it is due, unfinished and its lease is free or expired, so two loops (in two
// processes) never send the same row at the same time.

const OPEN: DeliveryState[] = ['pending', 'retrying'];

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
    where: { state: { in: OPEN }, nextAttemptAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }], id: { notIn: exclude } },
    orderBy: [{ nextAttemptAt: 'asc' }, { eventId: 'asc' }],
    take: limit * 2,
    select: { id: true, channelId: true, monitorId: true, eventId: true },
  });
  if (due.length === 0) return [];
  const blockers = await db.delivery.findMany({
    where: {
      state: { in: OPEN },
      channelId: { in: [...new Set(due.flatMap((d) => (d.channelId ? [d.channelId] : [])))] },
      monitorId: { in: [...new Set(due.map((d) => d.monitorId))] },
    },
    select: { channelId: true, monitorId: true, eventId: true },
  });
  const firstOpen = new Map<string, string>();
  for (const b of blockers) {
    const key = `${b.channelId}|${b.monitorId}`;
    const seen = firstOpen.get(key);
    if (seen === undefined || b.eventId < seen) firstOpen.set(key, b.eventId);
  }
  const ready = due.filter((d) => !d.channelId || firstOpen.get(`${d.channelId}|${d.monitorId}`) === d.eventId).slice(0, limit);
  if (ready.length === 0) return [];
  const { count } = await db.delivery.updateMany({
    where: { id: { in: ready.map((d) => d.id) }, state: { in: OPEN }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: { leaseOwner: owner, leaseUntil },
  });
  if (count === 0) return [];
  return db.delivery.findMany({
    where: { id: { in: ready.map((d) => d.id) }, leaseOwner: owner, leaseUntil },
    include: {
      event: true,
      channel: { select: { id: true, userId: true, kind: true, name: true, settings: true, enabled: true, confirmedAt: true } },
    },
  });
}

/** Whether the DOWN alert of this incident was given up on this channel (so the UP says it). */
export async function downWasUndelivered(incidentId: string, channelId: string): Promise<boolean> {
  const row = await getDb().delivery.findFirst({
    where: { channelId, state: 'failed', event: { incidentId, kind: 'DOWN' } },
    select: { id: true },
  });
  return row !== null;
}

export interface AttemptOutcome {
  state: 'delivered' | 'retrying' | 'failed';
  lastError: string | null;
  providerStatus: number | null;
  nextAttemptAt?: Date;
  at: Date;
}

/** Records one attempt; only while this owner still holds the lease (false: someone else took it over). */
export async function recordAttempt(id: string, owner: string, outcome: AttemptOutcome): Promise<boolean> {
  const { count } = await getDb().delivery.updateMany({
    where: { id, leaseOwner: owner },
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
  return count === 1;
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
