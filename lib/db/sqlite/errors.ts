// How a locked SQLite database shows up in errors, so callers retry instead of giving up.

/**
 * SQLite's write lock was held too long. Prisma reports it as P1008 with the driver error
 * (originalCode SQLITE_BUSY, kind SocketTimeout) under meta.driverAdapterError.
 */
export function isBusyError(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 4) return false;
  const e = err as Record<string, unknown> & { meta?: { driverAdapterError?: unknown } };
  for (const code of [e.code, e.originalCode]) {
    if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code === 'P1008')) return true;
  }
  if (e.kind === 'SocketTimeout') return true;
  if (typeof e.message === 'string' && /SQLITE_BUSY|database is locked/.test(e.message)) return true;
  return isBusyError(e.cause, depth + 1) || isBusyError(e.meta?.driverAdapterError, depth + 1);
}
