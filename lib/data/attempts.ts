import 'server-only';
import { getDb, getDialect, type Db } from '@/lib/db/client';
import type { AttemptLimit, SharedTakeResult } from '@/lib/db/dialect';
import { uuidv7 } from '@/lib/ids';

// Attempt counters kept in the database (the Attempt table), so every instance counts the same
// failed logins and sign-ups. Only engines that serve several processes keep them here; the
// counting itself (locks, then count, then insert) is the dialect's, the deletes are plain.
// Each function takes the client as its last argument so a test can play several instances.

export type SharedTaken = { allowed: true; ids: string[] };

/** Whether this engine keeps attempt counters in the database, shared by every instance. */
export function attemptsAreShared(): boolean {
  return getDialect().sql.sharedAttempts !== null;
}

/**
 * Counts one attempt under every limit (one row per distinct key), or refuses without counting
 * when any limit is full; parallel calls on a key, from any instance, run one after another.
 */
export async function takeSharedAttempt(
  kind: string,
  limits: AttemptLimit[],
  nowMs: number,
  db: Db = getDb(),
): Promise<SharedTaken | Exclude<SharedTakeResult, { allowed: true }>> {
  const statements = getDialect().sql.sharedAttempts;
  if (!statements) throw new Error(`The ${getDialect().name} engine keeps no shared attempt counters`);
  const rows = [...new Set(limits.map((l) => l.key))].map((key) => ({ id: uuidv7(nowMs), key }));
  const result = await statements.take(db, kind, limits, rows, nowMs);
  return result.allowed ? { allowed: true, ids: rows.map((r) => r.id) } : result;
}

/** Forgets the attempts a take counted (the login turned out to be right, or could not be judged). */
export async function releaseSharedAttempts(ids: string[], db: Db = getDb()): Promise<void> {
  if (ids.length > 0) await db.attempt.deleteMany({ where: { id: { in: ids } } });
}

/** Forgets every attempt counted under the key. */
export async function clearSharedAttempts(kind: string, key: string, db: Db = getDb()): Promise<void> {
  await db.attempt.deleteMany({ where: { kind, key } });
}

/** Deletes the kind's attempts stamped before the cutoff (older than its longest window); returns how many. */
export async function forgetSharedAttemptsBefore(kind: string, cutoffMs: number, db: Db = getDb()): Promise<number> {
  // The index on "at" finds them; the kind is a filter on those few rows.
  const { count } = await db.attempt.deleteMany({ where: { at: { lt: new Date(cutoffMs) }, kind } });
  return count;
}
