// One deadline per check: a single timer covers DNS, connect, TLS, headers, body and every
// redirect hop. Whoever holds a socket listens on `signal` and destroys it on expiry.
import { formatMs } from '@/lib/shared/durations';

export type CheckPhase = 'resolving DNS' | 'connecting' | 'TLS handshake' | 'waiting for response' | 'reading body';

export class CheckTimeoutError extends Error {
  readonly code = 'ERR_CHECK_TIMEOUT';
  constructor(
    readonly timeoutMs: number,
    readonly phase: CheckPhase | null,
  ) {
    super(`Timed out after ${formatMs(timeoutMs)}${phase ? ` (${phase})` : ''}`);
    this.name = 'CheckTimeoutError';
  }
}

export interface Deadline {
  /** Aborted with a CheckTimeoutError when time is up. */
  readonly signal: AbortSignal;
  /** What the check is doing now, so the timeout message can say where it stalled. */
  phase: CheckPhase | null;
  /** Clears the timer; call on every path. */
  dispose(): void;
}

export function startDeadline(timeoutMs: number): Deadline {
  const controller = new AbortController();
  const deadline: Deadline = {
    signal: controller.signal,
    phase: null,
    dispose: () => clearTimeout(timer),
  };
  const timer = setTimeout(() => controller.abort(new CheckTimeoutError(timeoutMs, deadline.phase)), timeoutMs);
  return deadline;
}

/** Runs `onAbort` when the deadline fires; returns the unsubscribe function. */
export function onDeadline(signal: AbortSignal, onAbort: (reason: Error) => void): () => void {
  const listener = () => onAbort(signal.reason as Error);
  if (signal.aborted) {
    queueMicrotask(listener);
    return () => {};
  }
  signal.addEventListener('abort', listener, { once: true });
  return () => signal.removeEventListener('abort', listener);
}
