import type { CheckStatus } from '@/lib/checker/types';
import type { MonitorStatus } from '@/lib/generated/prisma/enums';

// The one place that decides a monitor's status from a check result. Pure, so every
// path (scheduled, retry, manual, heartbeat) gets the same rules and the rules get unit tests.

export interface MonitorState {
  status: MonitorStatus;
  /** Failed checks in a row. */
  consecutiveFailures: number;
  /** The first failed check of the current run of failures: an outage starts here. */
  failingSince: Date | null;
  /** Checks in a row toward the next status: successes of a DOWN monitor, slow checks of an UP one, fast ones of a DEGRADED one. */
  streak: number;
  /** The streak's first check: the status change it leads to is dated here. */
  streakSince: Date | null;
}

export type StatusEvent = 'DOWN' | 'UP' | 'DEGRADED' | 'DEGRADED_RESOLVED' | null;

/** Why a failure says nothing about the target, so it counts for nothing. */
export type Suppression = 'probe_offline' | 'parent_down';

export interface CheckFacts {
  status: CheckStatus;
  at: Date;
  /** Over one of the monitor's degraded thresholds; null: the monitor has none. */
  slow: boolean | null;
}

export interface TransitionRules {
  /** Failures past the first before DOWN: with retries = 1 a monitor goes DOWN on its second failure in a row. */
  retries: number;
  /** Successes in a row a DOWN monitor needs to be UP again. */
  successThreshold: number;
  /** Slow checks in a row before DEGRADED, and fast ones before it is UP again. */
  degradedAfter: number;
}

export interface TransitionContext {
  /** A maintenance window covers the check: its failure raises nothing, and no reminder goes out. */
  maintenance?: boolean;
  /** The failure was Pingboard's own network or the monitor's parent, not the target. */
  suppressed?: Suppression | null;
}

export interface Transition {
  next: MonitorState;
  /** DOWN opens an outage, UP ends it; DEGRADED and DEGRADED_RESOLVED open and end a slowness incident. Each alerts. */
  event: StatusEvent;
  /** When the event happened: the first check of the run that confirmed it (not the confirming check). */
  eventAt: Date | null;
  /** The status changed (PENDING to UP changes status but raises no event). */
  changed: boolean;
  /** Failed but not confirmed yet, or DOWN and succeeding but not confirmed yet: check again soon rather than at the normal interval. */
  confirming: boolean;
  maintenance: boolean;
  suppressed: Suppression | null;
}

export const DEFAULT_RULES: TransitionRules = { retries: 0, successThreshold: 1, degradedAfter: 3 };

/** A monitor's state as stored on its row. */
export function storedState(m: MonitorState): MonitorState {
  return { status: m.status, consecutiveFailures: m.consecutiveFailures, failingSince: m.failingSince, streak: m.streak, streakSince: m.streakSince };
}

/**
 * A BLOCKED result (the outbound policy refused the target) says nothing about the target, so
 * it is neither a failure nor a recovery: the monitor becomes BLOCKED with no event and its
 * counts cleared, and a later UP from BLOCKED raises no UP alert (no DOWN was sent). A monitor
 * already DOWN or DEGRADED stays so with its incident open: what was seen never was seen to end.
 *
 * During maintenance a failure counts for nothing (the failure count starts afresh, so an outage
 * that outlasts the window is confirmed like a new one after it), and slowness does not start a
 * DEGRADED. A suppressed failure (probe_offline, parent_down) changes nothing at all.
 */
export function transition(state: MonitorState, check: CheckFacts, rules: TransitionRules, context: TransitionContext = {}): Transition {
  const maintenance = context.maintenance ?? false;
  const suppressed = check.status === 'DOWN' ? (context.suppressed ?? null) : null;
  const t = decide(state, check, rules, maintenance, suppressed);
  return { ...t, changed: t.next.status !== state.status, maintenance, suppressed };
}

type Decision = Pick<Transition, 'next' | 'event' | 'eventAt' | 'confirming'>;

const CLEAR = { consecutiveFailures: 0, failingSince: null, streak: 0, streakSince: null } as const;

function decide(state: MonitorState, check: CheckFacts, rules: TransitionRules, maintenance: boolean, suppressed: Suppression | null): Decision {
  const same = (next: MonitorState, confirming = false): Decision => ({ next, event: null, eventAt: null, confirming });
  if (suppressed) return same({ ...state });
  if (check.status === 'BLOCKED') {
    if (state.status === 'DOWN' || state.status === 'DEGRADED') return same({ ...state });
    return same({ status: 'BLOCKED', ...CLEAR });
  }
  if (check.status === 'DOWN') return onFailure(state, check.at, rules, maintenance);
  return onSuccess(state, check, rules, maintenance);
}

function onFailure(state: MonitorState, at: Date, rules: TransitionRules, maintenance: boolean): Decision {
  if (maintenance && state.status !== 'DOWN') return { next: { ...state, ...CLEAR }, event: null, eventAt: null, confirming: false };
  const failingSince = state.failingSince ?? at;
  const failures = state.consecutiveFailures + 1;
  const counted = { consecutiveFailures: failures, failingSince, streak: 0, streakSince: null };
  if (state.status === 'DOWN') return { next: { status: 'DOWN', ...counted }, event: null, eventAt: null, confirming: false };
  if (failures > Math.max(0, rules.retries)) return { next: { status: 'DOWN', ...counted }, event: 'DOWN', eventAt: failingSince, confirming: false };
  return { next: { status: state.status, ...counted }, event: null, eventAt: null, confirming: true };
}

function onSuccess(state: MonitorState, check: CheckFacts, rules: TransitionRules, maintenance: boolean): Decision {
  const streakSince = state.streakSince ?? check.at;
  const streak = state.streak + 1;
  if (state.status === 'DOWN') {
    if (streak >= Math.max(1, rules.successThreshold)) {
      // UP again; when this check was slow it is the first of a slow run.
      const next: MonitorState = check.slow ? { status: 'UP', ...CLEAR, streak: 1, streakSince: check.at } : { status: 'UP', ...CLEAR };
      return { next, event: 'UP', eventAt: streakSince, confirming: false };
    }
    return { next: { status: 'DOWN', consecutiveFailures: 0, failingSince: null, streak, streakSince }, event: null, eventAt: null, confirming: true };
  }
  const after = Math.max(1, rules.degradedAfter);
  if (state.status === 'DEGRADED') {
    // Thresholds removed: nothing keeps it DEGRADED.
    if (check.slow === null) return { next: { status: 'UP', ...CLEAR }, event: 'DEGRADED_RESOLVED', eventAt: check.at, confirming: false };
    if (check.slow) return { next: { status: 'DEGRADED', ...CLEAR }, event: null, eventAt: null, confirming: false };
    if (streak >= after) return { next: { status: 'UP', ...CLEAR }, event: 'DEGRADED_RESOLVED', eventAt: streakSince, confirming: false };
    return { next: { status: 'DEGRADED', consecutiveFailures: 0, failingSince: null, streak, streakSince }, event: null, eventAt: null, confirming: false };
  }
  if (!check.slow || maintenance) return { next: { status: 'UP', ...CLEAR }, event: null, eventAt: null, confirming: false };
  if (streak >= after) return { next: { status: 'DEGRADED', ...CLEAR }, event: 'DEGRADED', eventAt: streakSince, confirming: false };
  return { next: { status: 'UP', consecutiveFailures: 0, failingSince: null, streak, streakSince }, event: null, eventAt: null, confirming: false };
}

/** Where a monitor is between statuses, for the API and pages: failures not yet confirmed, or successes of a DOWN monitor not yet enough. */
export function phaseOf(
  state: Pick<MonitorState, 'status' | 'consecutiveFailures' | 'streak'>,
  rules: Pick<TransitionRules, 'retries' | 'successThreshold'>,
): { phase: 'retrying' | 'recovering'; attempt: number; of: number } | null {
  if (state.status === 'DOWN') {
    return state.streak > 0 && rules.successThreshold > 1 ? { phase: 'recovering', attempt: state.streak, of: rules.successThreshold } : null;
  }
  if (state.consecutiveFailures > 0) return { phase: 'retrying', attempt: state.consecutiveFailures, of: Math.max(0, rules.retries) + 1 };
  return null;
}
