// Storing an alert's outcome: the row is what stops a repeat after a restart, so a busy
// database is waited out rather than given up on at once.
import { hasDeliveredAlert, insertAlert } from '@/lib/data/alerts';
import { isDatabaseBusy } from '@/lib/data/database';
import { logger } from '@/lib/logger';
import { retryWithBackoff } from '@/lib/shared/retry';
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

/** Inserts one Alert row, retrying while the database is busy. Never throws: false means not stored (and logged). */
export async function recordAlert(record: AlertRecord, options: RecordOptions = {}): Promise<boolean> {
  const { sleep, attempts = 4, baseDelayMs = 100 } = options;
  const data = { ...record, error: record.error?.slice(0, MAX_ERROR) ?? null };
  let tries = 0;
  try {
    await retryWithBackoff(
      async (attempt) => {
        tries = attempt;
        await insertAlert(data);
      },
      { attempts, baseDelayMs, sleep, retryable: isDatabaseBusy },
    );
    return true;
  } catch (err) {
    const { recipient: _recipient, ...rest } = data;
    logger.error({ err, alert: rest, attempt: tries }, 'could not record alert');
    return false;
  }
}

export { hasDeliveredAlert };
