import { sleep as realSleep } from './time';

// The one retry loop: exponential backoff with optional jitter. Callers say which errors are
// worth another try and what to log; the loop owns the waiting.

export interface RetryOptions {
  /** Tries in all, the first included. */
  attempts: number;
  /** Wait before the second try; doubled before each later one. */
  baseDelayMs: number;
  maxDelayMs?: number;
  /** 0 (default) waits exactly; 0.5 waits between 50 % and 100 % of the delay. */
  jitter?: number;
  /** False stops at once and rethrows. Default: every error is retried. */
  retryable?: (err: unknown) => boolean;
  /** Called before each wait, with the try that just failed (1-based). */
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
  sleep?: (ms: number) => Promise<void>;
}

/** The delay before try `attempt + 1`, after `attempt` failed tries. */
export function backoffDelay(attempt: number, o: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'jitter'>, random = Math.random): number {
  const raw = Math.min(o.maxDelayMs ?? Number.POSITIVE_INFINITY, o.baseDelayMs * 2 ** (attempt - 1));
  const jitter = Math.min(1, Math.max(0, o.jitter ?? 0));
  return Math.round(raw * (1 - jitter * random()));
}

/** Runs `fn` until it succeeds, a non-retryable error is thrown, or the tries run out (the last error is rethrown). */
export async function retryWithBackoff<T>(fn: (attempt: number) => Promise<T>, o: RetryOptions): Promise<T> {
  const wait = o.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (attempt >= o.attempts || (o.retryable && !o.retryable(err))) throw err;
      const delayMs = backoffDelay(attempt, o);
      o.onRetry?.(err, attempt, delayMs);
      await wait(delayMs);
    }
  }
}
