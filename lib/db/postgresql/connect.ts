import { PrismaPg } from '@prisma/adapter-pg';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { PrismaClient as PostgresClient } from '@/lib/generated/prisma-postgresql/client';
import { logger } from '@/lib/logger';

/** Connections per instance: the worker's batched writes, state writes, the delivery loop and requests share them. */
const POOL_SIZE = 10;

/**
 * A Prisma client on a PostgreSQL database. Its generated client is PostgreSQL's own, but the
 * models are the same as SQLite's (tests/unit/schema-engines-agree.test.ts), so the rest of
 * the code keeps one PrismaClient type. A statement waiting on a lock gives up after
 * lock_timeout, and callers treat that as "busy" (retry, or 503), as with SQLite's lock.
 */
export function connectPostgres(url: string): PrismaClient {
  const adapter = new PrismaPg(
    {
      connectionString: url,
      max: POOL_SIZE,
      // Long enough for a burst of requests (205 tag creates at once on a busy 2-core machine) to
      // queue for the 10 connections rather than fail; a stopped server still refuses at once.
      connectionTimeoutMillis: 10_000,
      options: '-c lock_timeout=3000 -c statement_timeout=60000 -c TimeZone=UTC',
    },
    {
      onPoolError: (err) => logger.warn({ err }, 'PostgreSQL pool error'),
      onConnectionError: (err) => logger.warn({ err }, 'PostgreSQL connection error'),
    },
  );
  // Prisma's defaults (2 s to start a transaction, 5 s to finish it) turned a queue for the pool
  // into 503s; a statement that waits on a lock still gives up after lock_timeout.
  return new PostgresClient({
    adapter,
    omit: { user: { passwordHash: true } },
    transactionOptions: { maxWait: 10_000, timeout: 30_000 },
  }) as unknown as PrismaClient;
}
