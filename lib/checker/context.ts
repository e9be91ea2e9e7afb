// What every check module gets for one run: the policy, the injected outside world, the deadline.
import type { Deadline } from './deadline';
import type { LookupFn } from './safe-lookup';
import type { OutboundPolicy } from './types';

export interface CheckContext {
  policy: OutboundPolicy;
  resolve: LookupFn;
  /** Milliseconds on the check's clock; differences give the timings. */
  now: () => number;
  /** now() when the check began. */
  startedAt: number;
  deadline: Deadline;
}
