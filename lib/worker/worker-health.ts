import type { WorkerStatus } from '@/lib/worker/command-port';

// What the health check says of a worker: degraded once check results queue up, or results or
// state writes have failed for a few seconds (a locked or slow database). Nothing is lost then,
// but the API lags behind the checks.

/** A write queue this long, or writes failing this long, makes the health check say degraded. */
const DEGRADED_QUEUE = 2000;
const DEGRADED_AFTER_MS = 3000;

export interface WriteBacklog {
  /** Check results waiting to be written, and since when writing them fails (null: it does not). */
  results: { pending: number; failingSince: number | null };
  /** Status changes, reminders and certificate warnings waiting, and since when the database is busy. */
  stateWrites: { pending: number; stalledSince: number | null };
}

export function workerHealth(backlog: WriteBacklog, now: number): Pick<WorkerStatus, 'pendingResults' | 'pendingStateWrites' | 'degraded'> {
  const stalled = (since: number | null) => since !== null && now - since >= DEGRADED_AFTER_MS;
  return {
    pendingResults: backlog.results.pending,
    pendingStateWrites: backlog.stateWrites.pending,
    degraded: backlog.results.pending >= DEGRADED_QUEUE || stalled(backlog.results.failingSince) || stalled(backlog.stateWrites.stalledSince),
  };
}
