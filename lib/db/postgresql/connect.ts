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
      connectionTimeoutMillis: 5000,
      options: '-c lock_timeout=3000 -c statement_timeout=60000 -c TimeZone=UTC',
    },
    {
      onPoolError: (err) => logger.warn({ err }, 'PostgreSQL pool error'),
      onConnectionError: (err) => logger.warn({ err }, 'PostgreSQL connection error'),
    },
  );
  return new PostgresClient({ adapter, omit: { user: { passwordHash: true } } }) as unknown as PrismaClient;
}
