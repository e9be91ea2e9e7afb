import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '@/lib/generated/prisma/client';

export const BUSY_TIMEOUT_MS = 40;

/** A Prisma client on one SQLite file; the password hash column is left out of every read unless asked for. */
export function connectSqlite(file: string): PrismaClient {
  // better-sqlite3 waits for a lock synchronously, inside the event loop: a long busy timeout
  // froze every timer and request while another process held the write lock. Wait at most
  // BUSY_TIMEOUT_MS here; callers retry busy writes asynchronously (lib/worker, lib/alerting)
  // or answer 503 (lib/api). Timestamps as integer milliseconds make uptime windows and
  // buckets plain integer maths in SQL.
  const adapter = new PrismaBetterSqlite3({ url: file, timeout: BUSY_TIMEOUT_MS }, { timestampFormat: 'unixepoch-ms' });
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true } } });
}
