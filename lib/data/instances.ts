import 'server-only';
import { getDb } from '@/lib/db/client';

// Live instances: each renews its row's expiresAt with a heartbeat. An instance whose row
// expired is dead, whatever it may still be doing (it stops itself before that: lib/cluster).

export interface InstanceRow {
  id: string;
  worker: boolean;
  hostname: string;
  pid: number;
}

export async function registerInstance(row: InstanceRow, now: Date, expiresAt: Date): Promise<void> {
  await getDb().instance.upsert({
    where: { id: row.id },
    create: { ...row, startedAt: now, heartbeatAt: now, expiresAt },
    update: { heartbeatAt: now, expiresAt },
  });
}

/**
 * Renews the lease; false when it had expired or the row is gone (the others may have taken this
 * instance's monitors). `whateverItsState`: renew regardless (the sole instance of a SQLite file,
 * which nobody can take over from).
 */
export async function renewInstance(id: string, now: Date, expiresAt: Date, whateverItsState = false): Promise<boolean> {
  const { count } = await getDb().instance.updateMany({
    where: { id, ...(whateverItsState ? {} : { expiresAt: { gt: now } }) },
    data: { heartbeatAt: now, expiresAt },
  });
  return count === 1;
}

/** Live worker instances' ids, in a stable order. */
export async function liveWorkerIds(now: Date): Promise<string[]> {
  const rows = await getDb().instance.findMany({ where: { worker: true, expiresAt: { gt: now } }, select: { id: true }, orderBy: { id: 'asc' } });
  return rows.map((r) => r.id);
}

export async function liveInstanceIds(now: Date): Promise<string[]> {
  const rows = await getDb().instance.findMany({ where: { expiresAt: { gt: now } }, select: { id: true } });
  return rows.map((r) => r.id);
}

export async function isInstanceLive(id: string, now: Date): Promise<boolean> {
  return (await getDb().instance.count({ where: { id, expiresAt: { gt: now } } })) > 0;
}

/** A stopping instance stops counting as a worker (the others' shares grow), while still owning what it holds until it hands it back. */
export async function retireWorker(id: string): Promise<void> {
  await getDb().instance.updateMany({ where: { id }, data: { worker: false } });
}

export async function removeInstance(id: string): Promise<void> {
  await getDb().instance.deleteMany({ where: { id } });
}

/** Only one process ever uses a SQLite file: rows of earlier processes are void at once. */
export async function removeOtherInstances(id: string): Promise<number> {
  const { count } = await getDb().instance.deleteMany({ where: { id: { not: id } } });
  return count;
}

/** Forgets instances dead for a while (their rows only explain past ownership). */
export async function removeDeadInstances(before: Date): Promise<number> {
  const { count } = await getDb().instance.deleteMany({ where: { expiresAt: { lt: before } } });
  return count;
}

/** Records that this instance's network is down since `since` (every connectivity canary fails), or back (null). */
export async function setInstanceOffline(id: string, since: Date | null): Promise<void> {
  await getDb().instance.updateMany({ where: { id }, data: { offlineSince: since } });
}

/** Since when a live worker instance cannot reach the network (the earliest), or null: every one can. */
export async function networkOfflineSince(now: Date): Promise<Date | null> {
  const row = await getDb().instance.findFirst({
    where: { worker: true, expiresAt: { gt: now }, offlineSince: { not: null } },
    orderBy: { offlineSince: 'asc' },
    select: { offlineSince: true },
  });
  return row?.offlineSince ?? null;
}
