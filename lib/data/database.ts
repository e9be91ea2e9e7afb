import 'server-only';
import { getDb, getDialect } from '@/lib/db/client';

// Questions about the database itself, for code outside lib/data that must not hold the client.

/** For one transaction over thousands of rows (bulk actions, imports) on a busy machine: Prisma's default is 5 s. */
export const BULK_TRANSACTION = { timeout: 120_000, maxWait: 30_000 };

/** One trivial round trip: false when the database cannot answer. */
export async function databaseReachable(): Promise<boolean> {
  try {
    await getDb().$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}

/** The engine refused because it was busy or locked; the same write may work a moment later. */
export function isDatabaseBusy(err: unknown): boolean {
  return getDialect().isBusyError(err);
}

/** The engine in use: exactly "sqlite" or "postgresql". */
export function getDialectName(): 'sqlite' | 'postgresql' {
  return getDialect().name;
}
