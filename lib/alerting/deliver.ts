// One provider, one message: the retry policy of alert delivery over the shared backoff loop,
// free of the database and the clock so it can be tested with a fake provider and an instant sleep.
import { logger } from '@/lib/logger';
import { retryWithBackoff } from '@/lib/shared/retry';
import type { AlertMessage, AlertOutcome, AlertProvider } from './types';

export interface DeliverOptions {
  sleep: (ms: number) => Promise<void>;
  /** First backoff; then 2× and 4×. */
  retryBaseMs: number;
  /** Retries after the first attempt. */
  retries?: number;
}

export interface DeliveryResult {
  outcome: AlertOutcome;
  error: string | null;
  attempts: number;
}

export const DEFAULT_RETRIES = 3;

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Up to 1 + retries attempts with exponential backoff; the caller handles unconfigured providers. */
export async function deliverWithRetry(
  provider: AlertProvider,
  recipient: string,
  message: AlertMessage,
  options: DeliverOptions,
): Promise<DeliveryResult> {
  let attempts = 0;
  try {
    await retryWithBackoff(
      async (attempt) => {
        attempts = attempt;
        try {
          await provider.send(recipient, message);
        } catch (err) {
          logger.warn({ channel: provider.channel, attempt, error: errorText(err) }, 'alert send attempt failed');
          throw err;
        }
      },
      { attempts: 1 + (options.retries ?? DEFAULT_RETRIES), baseDelayMs: options.retryBaseMs, sleep: options.sleep },
    );
    return { outcome: 'sent', error: null, attempts };
  } catch (err) {
    return { outcome: 'failed', error: errorText(err), attempts };
  }
}
