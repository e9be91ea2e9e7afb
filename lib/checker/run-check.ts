// Entry point of the check engine: one probe in, one outcome out. Never throws: every failure,
// including our own bugs, comes back as a DOWN outcome with a cause and a message (or BLOCKED,
// when the outbound policy refused the target).
import { describeError } from './causes';
import type { CheckContext } from './context';
import { startDeadline, type Deadline } from './deadline';
import { runHttpCheck } from './http-check';
import { buildOutcome } from './outcome';
import { systemLookup, type LookupFn } from './safe-lookup';
import { runTcpCheck } from './tcp-check';
import { toCheckTimings } from './timings';
import type { CheckOutcome, OutboundPolicy, Probe } from './types';

export interface CheckDeps {
  /** Name resolution (default: the system resolver). The outbound policy is applied to its answers. */
  lookup?: LookupFn;
  /** Epoch milliseconds, fractional allowed (default: high-resolution wall clock). */
  now?: () => number;
}

export type { LookupFn };

const MAX_TIMER_MS = 2_147_483_647;
const wallClock = () => performance.timeOrigin + performance.now();

function clampTimeout(ms: number): number {
  return Number.isFinite(ms) ? Math.min(Math.max(Math.round(ms), 1), MAX_TIMER_MS) : 30_000;
}

/** A throwing injected clock must not make runCheck throw; fall back to the wall clock. */
function safeClock(clock: (() => number) | undefined): () => number {
  if (!clock) return wallClock;
  return () => {
    try {
      return clock();
    } catch {
      return wallClock();
    }
  };
}

export async function runCheck(probe: Probe, policy: OutboundPolicy, deps: CheckDeps = {}): Promise<CheckOutcome> {
  const now = safeClock(deps.now);
  const startedAt = now();
  let deadline: Deadline | null = null;
  try {
    deadline = startDeadline(clampTimeout(probe.timeoutMs));
    const ctx: CheckContext = { policy, resolve: deps.lookup ?? systemLookup, now, startedAt, deadline };
    return probe.type === 'tcp' ? await runTcpCheck(probe, ctx) : await runHttpCheck(probe, ctx);
  } catch (err) {
    const timings = toCheckTimings(null, startedAt, now());
    return buildOutcome({ startedAt, failure: describeError(err), statusCode: null, timings, tls: null });
  } finally {
    deadline?.dispose();
  }
}
