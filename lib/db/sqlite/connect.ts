import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '@/lib/generated/prisma/client';

/** A Prisma client on one SQLite file; the password hash column is left out of every read unless asked for. */
export function connectSqlite(file: string): PrismaClient {
  // Timestamps as integer milliseconds make uptime windows and buckets plain integer maths in SQL.
  const adapter = new PrismaBetterSqlite3({ url: file, timeout: 5000 }, { timestampFormat: 'unixepoch-ms' });
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true } } });
}
