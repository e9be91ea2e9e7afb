// The Alert table is the alert history and the exactly-once memory: a DOWN/UP alert whose row
// says sent or skipped is never sent again, across restarts.
import { getDb } from '@/lib/db/client';
import { logger } from '@/lib/logger';
import type { AlertChannel, AlertKind, AlertOutcome } from './types';

export interface AlertRecord {
  monitorId: string;
  incidentId: string | null;
  kind: AlertKind;
  channel: AlertChannel;
  recipient: string;
  outcome: AlertOutcome;
  error: string | null;
  cause: string | null;
  createdAt: Date;
}

export interface RecordOptions {
  sleep?: (ms: number) => Promise<void>;
  /** Tries in all; the driver already waits up to its busy timeout on each. */
  attempts?: number;
  baseDelayMs?: number;
}

const MAX_ERROR = 1000;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

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

/** Inserts one Alert row, retrying while the database is busy. Never throws: false means not stored (and logged). */
export async function recordAlert(record: AlertRecord, options: RecordOptions = {}): Promise<boolean> {
  const { sleep = delay, attempts = 4, baseDelayMs = 100 } = options;
  const data = { ...record, error: record.error?.slice(0, MAX_ERROR) ?? null };
  for (let attempt = 1; ; attempt++) {
    try {
      await getDb().alert.create({ data, select: { id: true } });
      return true;
    } catch (err) {
      if (attempt >= attempts || !isBusyError(err)) {
        const { recipient: _recipient, ...rest } = data;
        logger.error({ err, alert: rest, attempt }, 'could not record alert');
        return false;
      }
      await sleep(baseDelayMs * 2 ** (attempt - 1));
    }
  }
}

/** Whether a DOWN/UP alert for this incident was already delivered (or deliberately skipped). */
export async function hasDeliveredAlert(incidentId: string, kind: AlertKind): Promise<boolean> {
  const row = await getDb().alert.findFirst({
    where: { incidentId, kind, outcome: { in: ['sent', 'skipped'] } },
    select: { id: true },
  });
  return row !== null;
}
