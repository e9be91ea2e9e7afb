import { describe, expect, it } from 'vitest';
import { phaseOf, transition, type MonitorState, type TransitionContext, type TransitionRules } from '@/lib/domain/transition';

// The transition table over every input the worker gives it: a check that is up (fast or slow
// for the degraded thresholds), down, blocked, down in maintenance, down while Pingboard is
// offline or while the parent is down. One letter a check, so each row reads as a timeline:
//   U up   S up but slow   D down   B blocked   M down in maintenance   L slow in maintenance
//   O down, every canary down too (probe_offline)   P down, parent down (parent_down)
// Expected statuses use the first letter (P pending, U up, D down, B blocked, G degraded).

type Step = 'U' | 'S' | 'D' | 'B' | 'M' | 'L' | 'O' | 'P';
const T0 = Date.parse('2030-01-01T00:00:00Z');
const at = (i: number) => new Date(T0 + i * 1000);
const fresh = (status: MonitorState['status'] = 'PENDING'): MonitorState => ({ status, consecutiveFailures: 0, failingSince: null, streak: 0, streakSince: null });
const LETTER: Record<MonitorState['status'], string> = { PENDING: 'P', UP: 'U', DOWN: 'D', BLOCKED: 'B', DEGRADED: 'G' };

function run(steps: string, rules: Partial<TransitionRules> = {}, opts: { thresholds?: boolean; from?: MonitorState } = {}) {
  const r: TransitionRules = { retries: 0, successThreshold: 1, degradedAfter: 3, ...rules };
  const thresholds = opts.thresholds ?? /[SL]/.test(steps);
  let state = opts.from ?? fresh();
  let statuses = '';
  const events: Array<[string, number]> = [];
  [...steps].forEach((c, i) => {
    const step = c as Step;
    const status = step === 'U' || step === 'S' || step === 'L' ? 'UP' : step === 'B' ? 'BLOCKED' : 'DOWN';
    const ctx: TransitionContext = {
      maintenance: step === 'M' || step === 'L',
      suppressed: step === 'O' ? 'probe_offline' : step === 'P' ? 'parent_down' : null,
    };
    const slow = thresholds ? step === 'S' || step === 'L' : null;
    const t = transition(state, { status, at: at(i), slow }, r, ctx);
    expect(t.changed).toBe(t.next.status !== state.status);
    if (t.event) events.push([t.event, (t.eventAt!.getTime() - T0) / 1000]);
    state = t.next;
    statuses += LETTER[state.status];
  });
  return { statuses, events, state };
}

describe('status transitions', () => {
  it.each([
    // name, steps, rules, statuses after each check, events with the index of the check they are dated at
    ['first success', 'U', {}, 'U', []],
    ['down at once with retries 0', 'UD', {}, 'UD', [['DOWN', 1]]],
    ['one DOWN and one UP over a whole outage', 'UUDDDDUU', { retries: 1 }, 'UUUDDDUU', [['DOWN', 2], ['UP', 6]]],
    ['an outage starts at its first failed check, not the confirming one', 'UDDDU', { retries: 2 }, 'UUUDU', [['DOWN', 1], ['UP', 4]]],
    ['a failure run broken by a success starts afresh', 'UDUDDD', { retries: 2 }, 'UUUUUD', [['DOWN', 3]]],
    ['pending goes DOWN without ever being UP', 'DD', { retries: 1 }, 'PD', [['DOWN', 0]]],
    // successThreshold: back UP only after that many successes in a row, dated at the first of them.
    ['three successes to recover', 'UDUUU', { successThreshold: 3 }, 'UDDDU', [['DOWN', 1], ['UP', 2]]],
    ['flapping never recovers and never re-alerts', 'UDUDUDUD', { successThreshold: 2 }, 'UDDDDDDD', [['DOWN', 1]]],
    ['a failure while recovering restarts the count', 'UDUUDUUU', { successThreshold: 3 }, 'UDDDDDDU', [['DOWN', 1], ['UP', 5]]],
    // BLOCKED: its own state, never an event.
    ['blocked after up', 'UB', {}, 'UB', []],
    ['an unconfirmed failure is forgotten when blocked', 'UDB', { retries: 1 }, 'UUB', []],
    ['no UP alert after blocked: no DOWN was sent', 'BU', {}, 'BU', []],
    ['reachable again and really down', 'BD', {}, 'BD', [['DOWN', 1]]],
    ['a DOWN monitor stays DOWN through a block', 'UDBBU', {}, 'UDDDU', [['DOWN', 1], ['UP', 4]]],
    // Maintenance: failures count for nothing; an outage that outlasts the window is confirmed like a new one.
    ['failures in maintenance', 'UMMM', { retries: 0 }, 'UUUU', []],
    ['an outage outlasting maintenance', 'UMMMDDU', { retries: 1 }, 'UUUUUDU', [['DOWN', 4], ['UP', 6]]],
    ['a monitor already DOWN stays DOWN in maintenance and its UP still says so', 'UDMMU', {}, 'UDDDU', [['DOWN', 1], ['UP', 4]]],
    // Connectivity guard and dependencies: a suppressed failure changes nothing at all.
    ['probe offline: no status change, no alert', 'UOOOOU', {}, 'UUUUUU', []],
    ['parent down: no status change, no alert', 'UPPPPU', {}, 'UUUUUU', []],
    ['suppressed failures do not count toward confirmation', 'UDOD', { retries: 1 }, 'UUUD', [['DOWN', 1]]],
    ['after the parent recovers a still-failing child alerts normally', 'UPPDD', { retries: 1 }, 'UUUUD', [['DOWN', 3]]],
    ['a DOWN monitor stays DOWN while offline', 'UDOOU', {}, 'UDDDU', [['DOWN', 1], ['UP', 4]]],
    ['pending stays pending while the parent is down', 'PP', {}, 'PP', []],
    // DEGRADED: slow for `degradedAfter` checks in a row, dated at the first; back UP after as many fast ones.
    ['degraded after three slow checks', 'USSS', {}, 'UUUG', [['DEGRADED', 1]]],
    ['a fast check breaks the slow run', 'USSUSS', {}, 'UUUUUU', []],
    ['degraded and back', 'USSSUUU', {}, 'UUUGGGU', [['DEGRADED', 1], ['DEGRADED_RESOLVED', 4]]],
    ['a slow check breaks the recovery run', 'SSSUUSUUU', {}, 'UUGGGGGGU', [['DEGRADED', 0], ['DEGRADED_RESOLVED', 6]]],
    ['degraded with consecutive 1', 'USU', { degradedAfter: 1 }, 'UGU', [['DEGRADED', 1], ['DEGRADED_RESOLVED', 2]]],
    ['degraded then down then up', 'SSSDU', {}, 'UUGDU', [['DEGRADED', 0], ['DOWN', 3], ['UP', 4]]],
    ['degraded stays through a block and an unconfirmed failure', 'SSSBD', { retries: 1 }, 'UUGGG', [['DEGRADED', 0]]],
    ['slow in maintenance does not degrade', 'ULLLL', {}, 'UUUUU', []],
    ['a slow recovery from DOWN is UP first', 'UDSSS', {}, 'UDUUG', [['DOWN', 1], ['UP', 2], ['DEGRADED', 2]]],
  ] as const)('%s: %s', (_name, steps, rules, statuses, events) => {
    const got = run(steps, rules);
    expect(got.statuses).toBe(statuses);
    expect(got.events).toEqual(events);
  });

  it('resolves DEGRADED at once when the thresholds are removed', () => {
    const degraded = run('SSS').state;
    expect(degraded.status).toBe('DEGRADED');
    const t = transition(degraded, { status: 'UP', at: at(9), slow: null }, { retries: 0, successThreshold: 1, degradedAfter: 3 });
    expect([t.next.status, t.event]).toEqual(['UP', 'DEGRADED_RESOLVED']);
  });

  it('keeps the start of a failure run across checks, and clears it on success', () => {
    const mid = run('UDD', { retries: 3 }).state;
    expect(mid).toEqual({ status: 'UP', consecutiveFailures: 2, failingSince: at(1), streak: 0, streakSince: null });
    expect(run('UDDU', { retries: 3 }).state).toEqual(fresh('UP'));
  });

  it('marks suppressed failures and maintenance on the transition', () => {
    const t = transition(fresh('UP'), { status: 'DOWN', at: at(0), slow: null }, { retries: 0, successThreshold: 1, degradedAfter: 3 }, { suppressed: 'parent_down' });
    expect([t.suppressed, t.maintenance, t.event, t.changed]).toEqual(['parent_down', false, null, false]);
    // Only failures are suppressed: a success is a success.
    const up = transition(fresh('DOWN'), { status: 'UP', at: at(0), slow: null }, { retries: 0, successThreshold: 1, degradedAfter: 3 }, { suppressed: 'probe_offline' });
    expect([up.suppressed, up.event]).toEqual([null, 'UP']);
  });

  it('says when a monitor is retrying or recovering', () => {
    const rules = { retries: 2, successThreshold: 3 };
    expect(phaseOf(run('UD', { retries: 2 }).state, rules)).toEqual({ phase: 'retrying', attempt: 1, of: 3 });
    expect(phaseOf(run('UDD', { retries: 2 }).state, rules)).toEqual({ phase: 'retrying', attempt: 2, of: 3 });
    expect(phaseOf(run('UDDD', { retries: 2 }).state, rules)).toBeNull(); // DOWN now
    expect(phaseOf(run('UDU', { successThreshold: 3 }).state, rules)).toEqual({ phase: 'recovering', attempt: 1, of: 3 });
    expect(phaseOf(fresh('UP'), rules)).toBeNull();
  });
});
