import 'server-only';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { Dialect } from '@/lib/db/dialect';
import { sqliteDialect } from '@/lib/db/sqlite/dialect';
import { getEnv } from '@/lib/env';

// One client per process, kept on globalThis: Next.js may evaluate this module once per
// bundle (instrumentation, each route), and two clients would mean two connections (for
// SQLite, two writers fighting over the lock).
const globalForDb = globalThis as unknown as { __pingboardDb?: PrismaClient };

/** The engine behind DATABASE_URL. Only SQLite today; PostgreSQL plugs in here. */
export function getDialect(): Dialect {
  return sqliteDialect;
}

/** Where the configured database lives, in the form the dialect's connect() and migrate() take. */
export function databaseLocation(): string {
  return getEnv().databasePath;
}

export function getDb(): PrismaClient {
  return (globalForDb.__pingboardDb ??= getDialect().connect(databaseLocation()));
}

/** Brings the configured database up to date; start-up calls this before anything queries. */
export function migrateConfiguredDatabase() {
  return getDialect().migrate(databaseLocation());
}

export type Db = PrismaClient;
