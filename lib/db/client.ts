import 'server-only';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { Dialect } from '@/lib/db/dialect';
import { sqliteDialect } from '@/lib/db/sqlite/dialect';
import { postgresDialect } from '@/lib/db/postgresql/dialect';
import { getEnv } from '@/lib/env';

// One client per process, kept on globalThis: Next.js may evaluate this module once per
// bundle (instrumentation, each route), and two clients would mean two connection pools (for
// SQLite, two writers fighting over the lock).
const globalForDb = globalThis as unknown as { __pingboardDb?: PrismaClient };

/** The engine DATABASE_URL selects: postgres:// or postgresql:// for PostgreSQL, SQLite otherwise. */
export function getDialect(): Dialect {
  return getEnv().databaseEngine === 'postgresql' ? postgresDialect : sqliteDialect;
}

/** Where the configured database lives, in the form the dialect's connect() and migrate() take. */
export function databaseLocation(): string {
  return getEnv().databaseLocation;
}

export function getDb(): PrismaClient {
  return (globalForDb.__pingboardDb ??= getDialect().connect(databaseLocation()));
}

/** Brings the configured database up to date; start-up calls this before anything queries. */
export function migrateConfiguredDatabase() {
  return getDialect().migrate(databaseLocation());
}

/** Closes this process's connections (tests and scripts that end before the process does). */
export async function disconnectDb(): Promise<void> {
  const db = globalForDb.__pingboardDb;
  globalForDb.__pingboardDb = undefined;
  await db?.$disconnect();
}

export type Db = PrismaClient;
