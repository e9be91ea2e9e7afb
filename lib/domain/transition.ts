import type { CheckStatus } from '@/lib/checker/types';
import type { MonitorStatus } from '@/lib/generated/prisma/enums';

// The one place that decides a monitor's status from a check result. Pure, so every
// path (scheduled, retry, manual, heartbeat) gets the same rules and the rules get unit tests.

export interface MonitorState {
  status: MonitorStatus;
  consecutiveFailures: number;
}

export type StatusEvent = 'DOWN' | 'UP' | null;

export interface Transition {
  next: MonitorState;
  /** DOWN: the monitor just went down (alert + open incident). UP: recovered from DOWN (alert + close incident). */
  event: StatusEvent;
  /** The status changed (PENDING to UP changes status but raises no event). */
  changed: boolean;
  /** Failed, but not yet confirmed: check again soon rather than at the normal interval. */
  confirming: boolean;
  /** The check was made during a maintenance window: its failure raises nothing, and no reminder goes out. */
  maintenance: boolean;
}

/**
 * `retries` extra failures are needed before DOWN: with retries = 1 a monitor goes DOWN on
 * its second consecutive failure. One success is enough to be UP again.
 *
 * A BLOCKED result (the outbound policy refused the target) says nothing about the target, so
 * it is neither a failure nor a recovery: the monitor becomes BLOCKED with no event, no
 * incident and its failure count cleared, and a later UP from BLOCKED raises no UP alert (no
 * DOWN was sent). A monitor already DOWN stays DOWN with its incident open and its count as
 * it was: the outage was seen and was never seen to end, so the UP that ends it, whenever
 * the target can be checked again, still closes the incident and says so.
 */
export function transition(state: MonitorState, result: CheckStatus, retries: number, maintenance = false): Transition {
  const t = decide(state, result, retries, maintenance);
  return { ...t, maintenance };
}

/**
 * During maintenance a failure is stored but counts for nothing: no DOWN, no confirmation
 * retries, and the failure count starts afresh, so an outage that outlasts the window is
 * confirmed like a new one after it. A monitor already DOWN when the window began stays DOWN
 * with its incident open (its UP still closes it and says so). Successes count as always.
 */
function decide(state: MonitorState, result: CheckStatus, retries: number, maintenance: boolean): Omit<Transition, 'maintenance'> {
  if (maintenance && result === 'DOWN' && state.status !== 'DOWN') {
    return { next: { status: state.status, consecutiveFailures: 0 }, event: null, changed: false, confirming: false };
  }
  if (result === 'BLOCKED') {
    if (state.status === 'DOWN') return { next: { ...state }, event: null, changed: false, confirming: false };
    return { next: { status: 'BLOCKED', consecutiveFailures: 0 }, event: null, changed: state.status !== 'BLOCKED', confirming: false };
  }
  if (result === 'UP') {
    const next: MonitorState = { status: 'UP', consecutiveFailures: 0 };
    return { next, event: state.status === 'DOWN' ? 'UP' : null, changed: state.status !== 'UP', confirming: false };
  }
  const failures = state.consecutiveFailures + 1;
  if (state.status === 'DOWN') {
    return { next: { status: 'DOWN', consecutiveFailures: failures }, event: null, changed: false, confirming: false };
  }
  if (failures > Math.max(0, retries)) {
    return { next: { status: 'DOWN', consecutiveFailures: failures }, event: 'DOWN', changed: true, confirming: false };
  }
  return { next: { status: state.status, consecutiveFailures: failures }, event: null, changed: false, confirming: true };
}
