import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { getEnv } from '@/lib/env';

// One client per process, kept on globalThis: Next.js may evaluate this module once per
// bundle (instrumentation, each route), and two clients would mean two SQLite connections
// fighting over the write lock.
const globalForDb = globalThis as unknown as { __pingboardDb?: PrismaClient };

function createClient(): PrismaClient {
  const env = getEnv();
  // Timestamps as integer milliseconds make uptime windows and buckets plain integer maths in SQL.
  const adapter = new PrismaBetterSqlite3(
    { url: env.databasePath, timeout: 5000 },
    { timestampFormat: 'unixepoch-ms' },
  );
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true } } });
}

export function getDb(): PrismaClient {
  return (globalForDb.__pingboardDb ??= createClient());
}

export type Db = PrismaClient;
