import type { NewCheck } from '@/lib/data/checks';
import type { MonitorSummary } from '@/lib/data/monitor-state';
import { storeCheckBatch } from '@/lib/data/check-batches';
import { backoffDelay } from '@/lib/shared/retry';
import { isDatabaseBusy } from '@/lib/data/database';
import { logger } from '@/lib/logger';
import { observeResultWrite } from '@/lib/metrics/registry';

// Check results are written in batches: one transaction per flush holds every new row, the
// hourly rollups and one statement updating the summaries of all its monitors. A failed write
// keeps the batch and tries again with backoff, so a locked database delays results but
// never loses them. A batch the database keeps refusing for another reason (a row it will never
// take) is retried row by row, and only a row refused on its own repeatedly is dropped, loudly:
// one bad row must not stop every later result from being stored.

export type { MonitorSummary };

interface Pending {
  row: NewCheck;
  summary: MonitorSummary;
  resolve: () => void;
}

const FLUSH_DELAY_MS = 250;
const MAX_BATCH = 500;
// Short waits: once a lock is released the backlog goes in within a second.
const WRITE_BACKOFF = { baseDelayMs: 100, maxDelayMs: 1000 };
/** Past this many queued rows (over three minutes of 1,000 checks a second) the oldest go, loudly: memory is finite. */
const MAX_QUEUE = 200_000;
/** Refusals that are not "busy" before a batch is split into single rows, and before a single row is dropped. */
const REFUSALS_BEFORE_SPLIT = 3;

export class ResultWriter {
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private failures = 0;
  /** Refusals in a row that were not "busy": past a few, the refused batch's rows go one at a time. */
  private refusals = 0;
  /** Rows of a refused batch still to be written one at a time. */
  private isolate = 0;
  /** When the current run of failed writes began (null while writes succeed). */
  failingSince: number | null = null;

  /** Resolves once the row is in the database. */
  enqueue(row: NewCheck, summary: MonitorSummary): Promise<void> {
    return new Promise((resolve) => {
      if (this.queue.length >= MAX_QUEUE && !this.flushing) {
        const dropped = this.queue.splice(0, this.queue.length - MAX_QUEUE + 1);
        for (const p of dropped) p.resolve();
        logger.error({ dropped: dropped.length }, 'the check result queue is full; dropping the oldest results');
      }
      this.queue.push({ row, summary, resolve });
      if (this.queue.length >= MAX_BATCH) this.schedule(0);
      else this.schedule(FLUSH_DELAY_MS);
    });
  }

  get pendingCount(): number {
    return this.queue.length;
  }

  /** Writes everything queued so far, retrying until it succeeds or `deadlineMs` passes. */
  async flush(deadlineMs = 10_000): Promise<void> {
    const until = Date.now() + deadlineMs;
    while ((this.queue.length > 0 || this.flushing) && Date.now() < until) {
      if (this.flushing) await this.flushing;
      else await this.writeBatch().catch(() => new Promise((r) => setTimeout(r, 100)));
    }
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.flushing) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.writeBatch().catch(() => {
        this.failures++;
        this.failingSince ??= Date.now();
        this.schedule(backoffDelay(this.failures, WRITE_BACKOFF));
      });
    }, delayMs);
  }

  private async writeBatch(): Promise<void> {
    if (this.flushing || this.queue.length === 0) return;
    const isolating = this.isolate > 0;
    const batch = this.queue.slice(0, isolating ? 1 : MAX_BATCH);
    const started = performance.now();
    const run = this.persist(batch);
    this.flushing = run.then(
      () => undefined,
      () => undefined,
    );
    try {
      await run;
      observeResultWrite(batch.map((p) => p.row), performance.now() - started);
      this.queue.splice(0, batch.length);
      this.failures = 0;
      this.refusals = 0;
      if (isolating) this.isolate--;
      this.failingSince = null;
      for (const p of batch) p.resolve();
    } catch (err) {
      const busy = isDatabaseBusy(err);
      // A busy database is expected now and then (another process holds the lock): say so once per run.
      if (this.failures === 0 || !busy) logger.warn({ err, rows: batch.length, queued: this.queue.length }, 'writing check results failed; will retry');
      if (!busy && ++this.refusals >= REFUSALS_BEFORE_SPLIT) {
        this.refusals = 0;
        if (!isolating) {
          // Find the row it will not take: the rows of this batch go one at a time.
          this.isolate = batch.length;
        } else {
          this.queue.splice(0, 1);
          this.isolate--;
          this.failures = 0;
          batch[0].resolve();
          logger.error({ err, row: batch[0].row }, 'the database keeps refusing this check result; dropping it so later results are stored');
          return;
        }
      }
      throw err;
    } finally {
      this.flushing = null;
      if (this.queue.length > 0 && this.failures === 0) this.schedule(FLUSH_DELAY_MS);
    }
  }

  private async persist(batch: Pending[]): Promise<void> {
    const latest = new Map<string, MonitorSummary>();
    for (const p of batch) latest.set(p.row.monitorId, p.summary);
    await storeCheckBatch(
      batch.map((p) => p.row),
      latest,
    );
  }
}
