// One provider, one message: the retry loop, free of the database and the clock so it can be
// tested with a fake provider and an instant sleep.
import { logger } from '@/lib/logger';
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
  const retries = options.retries ?? DEFAULT_RETRIES;
  let lastError = '';
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await options.sleep(options.retryBaseMs * 2 ** (attempt - 1));
    try {
      await provider.send(recipient, message);
      return { outcome: 'sent', error: null, attempts: attempt + 1 };
    } catch (err) {
      lastError = errorText(err);
      logger.warn({ channel: provider.channel, attempt: attempt + 1, error: lastError }, 'alert send attempt failed');
    }
  }
  return { outcome: 'failed', error: lastError, attempts: retries + 1 };
}
