import 'server-only';
import { getDb } from '@/lib/db/client';

// Named leases (the maintenance leader): held by one instance until `until`, renewed by it,
// taken over by another only once expired. Every step is a conditional write.

/** Takes or renews the lease; true while this holder has it. A lease whose holder is no longer a live instance is free at once. */
export async function holdLease(name: string, holder: string, now: Date, until: Date, liveInstanceIds: string[]): Promise<boolean> {
  const db = getDb();
  const { count } = await db.lease.updateMany({
    where: { name, OR: [{ holder }, { until: { lt: now } }, { holder: { notIn: liveInstanceIds } }] },
    data: { holder, until },
  });
  if (count === 1) return true;
  // No row yet: the first to insert it holds it; a unique-key failure means another did.
  try {
    await db.lease.create({ data: { name, holder, until } });
    return true;
  } catch {
    return false;
  }
}

export async function dropLease(name: string, holder: string): Promise<void> {
  await getDb().lease.deleteMany({ where: { name, holder } });
}
