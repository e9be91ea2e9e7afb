// How PostgreSQL says "not now, try again": a lock wait that timed out, a serialization
// conflict or deadlock, too many connections, or a server that is restarting or unreachable.
// The worker retries these writes later and the API answers 503, as with a locked SQLite file.

const TRANSIENT_SQLSTATES = new Set([
  '55P03', // lock_not_available (lock_timeout)
  '57014', // query_canceled (statement_timeout)
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '53300', // too_many_connections
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000', '08001', '08003', '08004', '08006', // connection exceptions
]);
// P2028: no connection for a transaction in time (the pool is exhausted).
const TRANSIENT_PRISMA = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028', 'P2034']);
const TRANSIENT_NODE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

export function isPostgresBusyError(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 4) return false;
  const e = err as Record<string, unknown> & { meta?: { driverAdapterError?: unknown } };
  for (const code of [e.code, e.originalCode]) {
    if (typeof code !== 'string') continue;
    if (TRANSIENT_SQLSTATES.has(code) || TRANSIENT_PRISMA.has(code) || TRANSIENT_NODE.has(code)) return true;
  }
  if (typeof e.kind === 'string' && /^(DatabaseNotReachable|ConnectionClosed|SocketTimeout|TooManyConnections|TransactionWriteConflict)$/.test(e.kind)) return true;
  if (typeof e.message === 'string' && /lock timeout|timeout exceeded when trying to connect|Unable to start a transaction in the given time|canceling statement due to|could not serialize|deadlock detected|Connection terminated|ECONNREFUSED|too many clients|the database system is (starting up|shutting down)/i.test(e.message)) return true;
  return isPostgresBusyError(e.cause, depth + 1) || isPostgresBusyError(e.meta?.driverAdapterError, depth + 1);
}
