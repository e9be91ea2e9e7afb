import { createHash } from 'node:crypto';
import { Prisma } from '@/lib/generated/prisma/client';
import type { SharedAttemptStatements } from '@/lib/db/dialect';

// Attempt counters every instance shares (lib/auth/attempt-counters.ts). A take is one
// transaction: it takes a transaction-scoped advisory lock on each key, then counts and
// inserts. Every take on a key waits for the one before it, whichever instance runs it, so
// parallel attempts cannot all count the same free room. The count is a statement of its own,
// after the locks: under READ COMMITTED each statement sees what was committed before it
// began, including the previous holder's insert (a statement that locked and counted at once
// would count from a snapshot taken before it got the lock).

/** epoch ms -> timestamp(3), as in statements.ts */
const ts = (ms: Prisma.Sql) => Prisma.sql`(TIMESTAMP '1970-01-01' + (${ms})::bigint * INTERVAL '1 millisecond')`;
/** timestamp column -> epoch ms */
const epochMs = (column: Prisma.Sql) => Prisma.sql`(EXTRACT(EPOCH FROM ${column}) * 1000)::bigint`;

/**
 * A stable signed 64-bit advisory lock key for one counter key: the first 8 bytes of a SHA-256,
 * the same in every instance and every release. Collisions (2^-64) only make two keys wait on
 * each other; the migration's and partitions' small fixed keys are as unlikely to be hit.
 */
export function attemptLockKey(kind: string, key: string): bigint {
  return createHash('sha256').update(`attempt\u0000${kind}\u0000${key}`).digest().readBigInt64BE(0);
}

export const postgresAttempts: SharedAttemptStatements = {
  async take(db, kind, limits, rows, nowMs) {
    // Locks in one global order (ascending key), so two takes sharing keys never deadlock.
    const locks = [...new Set(limits.map((l) => attemptLockKey(kind, l.key)))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return db.$transaction(async (tx) => {
      // The recount below relies on READ COMMITTED's per-statement snapshot, whatever the server's default.
      await tx.$executeRaw`SET TRANSACTION ISOLATION LEVEL READ COMMITTED`;
      // Many parallel guesses at one key queue here one by one; under load that queue can take
      // longer than the pool's general lock_timeout, and a guess must then be counted (or
      // refused with 429), not answered 503.
      await tx.$executeRaw`SET LOCAL lock_timeout = '20s'`;
      for (const lock of locks) await tx.$executeRaw`SELECT pg_advisory_xact_lock(${lock}::bigint)`;
      // Per limit, the newest attempt that must leave the window before another fits: the max-th
      // newest within it. None means there is room. The index on (kind, key, at) serves it.
      const full = await tx.$queryRaw<Array<{ blockingAtMs: bigint | number | string; windowMs: bigint | number | string }>>`
        SELECT l."windowMs", b."atMs" AS "blockingAtMs"
        FROM jsonb_to_recordset(${JSON.stringify(limits)}::jsonb) AS l("key" text, "max" int, "windowMs" bigint)
        CROSS JOIN LATERAL (
          SELECT ${epochMs(Prisma.raw('a."at"'))} AS "atMs" FROM "Attempt" a
          WHERE a."kind" = ${kind} AND a."key" = l."key" AND a."at" > ${ts(Prisma.sql`${nowMs}::bigint - l."windowMs"`)}
          ORDER BY a."at" DESC OFFSET l."max" - 1 LIMIT 1
        ) b`;
      if (full.length > 0) {
        return { allowed: false, blockedUntilMs: Math.max(...full.map((f) => Number(f.blockingAtMs) + Number(f.windowMs))) };
      }
      await tx.$executeRaw`
        INSERT INTO "Attempt" ("id", "kind", "key", "at")
        SELECT r."id", ${kind}, r."key", ${ts(Prisma.sql`${nowMs}::bigint`)}
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r("id" text, "key" text)`;
      return { allowed: true };
    }, { maxWait: 10_000, timeout: 25_000 });
  },
};
