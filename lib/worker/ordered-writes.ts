import { backoffDelay } from '@/lib/shared/retry';
import { sleep } from '@/lib/shared/time';
import { logger } from '@/lib/logger';

// Database writes that must happen, in order per monitor, without holding up any check: a
// status change with its incident and alert outbox, a reminder, a certificate warning. Each
// monitor has its own chain, so one monitor's changes are stored in the order they happened
// while other monitors' go ahead. While the database is busy (locked by another process) a
// write is retried with backoff for as long as it takes; it is never dropped, and the
// worker's in-memory state never runs ahead of what will be stored. Other errors are tried a
// few times and then logged, since retrying a broken statement forever would stall the chain.

export interface OrderedWritesOptions {
  /** The database refused because it was busy; the same write will work later. */
  isBusy: (err: unknown) => boolean;
  attemptsForOtherErrors?: number;
  wait?: (ms: number) => Promise<void>;
}

const BACKOFF = { baseDelayMs: 50, maxDelayMs: 2000, jitter: 0.2 };

export class OrderedWrites {
  private readonly chains = new Map<string, Promise<void>>();
  private waiting = 0;
  private busySince: number | null = null;

  constructor(private readonly o: OrderedWritesOptions) {}

  /** Writes not yet stored. */
  get pending(): number {
    return this.waiting;
  }

  /** Since when writes have been failing for a busy database (null: they are not). */
  get stalledSince(): number | null {
    return this.busySince;
  }

  /** Queues `write` behind this key's earlier writes; resolves once it is stored (or given up on a non-busy error). */
  run(key: string, what: string, write: () => Promise<void>): Promise<void> {
    this.waiting++;
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.persist(what, key, write)).finally(() => {
      this.waiting--;
      if (this.chains.get(key) === next) this.chains.delete(key);
    });
    this.chains.set(key, next);
    return next;
  }

  /** Settles once everything queued so far is stored. */
  async settle(): Promise<void> {
    while (this.chains.size > 0) await Promise.allSettled([...this.chains.values()]);
  }

  private async persist(what: string, key: string, write: () => Promise<void>): Promise<void> {
    const wait = this.o.wait ?? sleep;
    const limit = this.o.attemptsForOtherErrors ?? 5;
    let others = 0;
    for (let attempt = 1; ; attempt++) {
      try {
        await write();
        this.busySince = null;
        return;
      } catch (err) {
        if (this.o.isBusy(err)) {
          this.busySince ??= Date.now();
          if (attempt === 1 || attempt % 20 === 0) logger.warn({ what, key, attempt }, 'database busy; the write waits its turn');
        } else if (++others >= limit) {
          logger.error({ err, what, key, attempt }, 'a monitor state write failed repeatedly; giving up on it');
          return;
        } else {
          logger.warn({ err, what, key, attempt }, 'a monitor state write failed; retrying');
        }
        await wait(backoffDelay(attempt, BACKOFF));
      }
    }
  }
}
