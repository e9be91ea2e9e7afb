import { describe, expect, it } from 'vitest';
import { transition, type MonitorState } from '@/lib/domain/transition';

const s = (status: MonitorState['status'], consecutiveFailures = 0): MonitorState => ({ status, consecutiveFailures });

describe('status transition', () => {
  it.each([
    // state, result, retries, next status, failures, event, changed, confirming
    [s('PENDING'), 'UP', 1, 'UP', 0, null, true, false],
    [s('UP'), 'UP', 1, 'UP', 0, null, false, false],
    [s('DOWN', 4), 'UP', 1, 'UP', 0, 'UP', true, false],
    [s('UP'), 'DOWN', 0, 'DOWN', 1, 'DOWN', true, false],
    [s('PENDING'), 'DOWN', 0, 'DOWN', 1, 'DOWN', true, false],
    [s('UP'), 'DOWN', 1, 'UP', 1, null, false, true],
    [s('UP', 1), 'DOWN', 1, 'DOWN', 2, 'DOWN', true, false],
    [s('PENDING'), 'DOWN', 1, 'PENDING', 1, null, false, true],
    [s('PENDING', 1), 'DOWN', 1, 'DOWN', 2, 'DOWN', true, false],
    [s('UP', 2), 'DOWN', 3, 'UP', 3, null, false, true],
    [s('DOWN', 2), 'DOWN', 1, 'DOWN', 3, null, false, false],
    [s('UP', 1), 'UP', 1, 'UP', 0, null, false, false],
    // BLOCKED (the outbound policy refused the target): its own state, never an event.
    [s('PENDING'), 'BLOCKED', 0, 'BLOCKED', 0, null, true, false],
    [s('UP'), 'BLOCKED', 0, 'BLOCKED', 0, null, true, false],
    [s('UP', 1), 'BLOCKED', 1, 'BLOCKED', 0, null, true, false], // an unconfirmed failure is forgotten
    [s('BLOCKED'), 'BLOCKED', 0, 'BLOCKED', 0, null, false, false],
    [s('BLOCKED'), 'UP', 1, 'UP', 0, null, true, false], // no UP alert: no DOWN was sent
    [s('BLOCKED'), 'DOWN', 0, 'DOWN', 1, 'DOWN', true, false], // reachable again, and really down
    [s('BLOCKED'), 'DOWN', 1, 'BLOCKED', 1, null, false, true],
    [s('BLOCKED', 1), 'DOWN', 1, 'DOWN', 2, 'DOWN', true, false],
    // A DOWN monitor stays DOWN, its incident open and its count kept, until a real result.
    [s('DOWN', 3), 'BLOCKED', 1, 'DOWN', 3, null, false, false],
  ] as const)('%o + %s (retries %i) -> %s', (state, result, retries, status, failures, event, changed, confirming) => {
    const t = transition(state, result, retries);
    expect(t.next).toEqual({ status, consecutiveFailures: failures });
    expect(t.event).toBe(event);
    expect(t.changed).toBe(changed);
    expect(t.confirming).toBe(confirming);
  });

  it.each([
    // During maintenance: state, result, retries, next status, failures, event, changed, confirming
    // A failure counts for nothing: no event, no confirmation, the count starts afresh, the status stays.
    [s('PENDING'), 'DOWN', 0, 'PENDING', 0, null, false, false],
    [s('PENDING', 1), 'DOWN', 1, 'PENDING', 0, null, false, false],
    [s('UP'), 'DOWN', 0, 'UP', 0, null, false, false],
    [s('UP'), 'DOWN', 1, 'UP', 0, null, false, false],
    [s('UP', 2), 'DOWN', 1, 'UP', 0, null, false, false], // past the retries, and still nothing
    [s('BLOCKED'), 'DOWN', 0, 'BLOCKED', 0, null, false, false],
    // A monitor already DOWN stays DOWN, its count kept going, with no second DOWN.
    [s('DOWN', 3), 'DOWN', 0, 'DOWN', 4, null, false, false],
    [s('DOWN', 1), 'DOWN', 5, 'DOWN', 2, null, false, false],
    // Successes count as always: the UP that ends an outage still says so.
    [s('DOWN', 4), 'UP', 1, 'UP', 0, 'UP', true, false],
    [s('PENDING'), 'UP', 1, 'UP', 0, null, true, false],
    [s('UP', 1), 'UP', 1, 'UP', 0, null, false, false],
    [s('BLOCKED'), 'UP', 1, 'UP', 0, null, true, false],
    // BLOCKED as without maintenance.
    [s('UP', 1), 'BLOCKED', 1, 'BLOCKED', 0, null, true, false],
    [s('BLOCKED'), 'BLOCKED', 0, 'BLOCKED', 0, null, false, false],
    [s('DOWN', 3), 'BLOCKED', 1, 'DOWN', 3, null, false, false],
  ] as const)('in maintenance: %o + %s (retries %i) -> %s', (state, result, retries, status, failures, event, changed, confirming) => {
    const t = transition(state, result, retries, true);
    expect(t.next).toEqual({ status, consecutiveFailures: failures });
    expect(t.event).toBe(event);
    expect(t.changed).toBe(changed);
    expect(t.confirming).toBe(confirming);
    expect(t.maintenance).toBe(true);
  });

  it.each([
    [s('UP', 1), 'BLOCKED', 1],
    [s('BLOCKED'), 'UP', 0],
    [s('DOWN', 2), 'UP', 1],
    [s('DOWN', 3), 'BLOCKED', 0],
  ] as const)('decides %o + %s (retries %i) the same with or without maintenance', (state, result, retries) => {
    const { maintenance: off, ...without } = transition(state, result, retries, false);
    const { maintenance: on, ...during } = transition(state, result, retries, true);
    expect(during).toEqual(without);
    expect([off, on]).toEqual([false, true]);
  });

  it('is out of maintenance unless told otherwise', () => {
    expect(transition(s('UP'), 'DOWN', 0).maintenance).toBe(false);
    expect(transition(s('UP'), 'DOWN', 0).event).toBe('DOWN');
  });

  it('confirms an outage that outlasts a maintenance window like a new one', () => {
    // retries 1: two failures after the window are needed, however many fell inside it.
    let state = s('UP');
    const events: Array<string | null> = [];
    for (const [r, maintenance] of [['DOWN', true], ['DOWN', true], ['DOWN', true], ['DOWN', false], ['DOWN', false], ['UP', true]] as const) {
      const t = transition(state, r, 1, maintenance);
      events.push(t.event);
      state = t.next;
    }
    expect(events).toEqual([null, null, null, null, 'DOWN', 'UP']);
  });

  it('raises exactly one DOWN and one UP event over a whole outage', () => {
    let state = s('PENDING');
    const events: string[] = [];
    for (const r of ['UP', 'UP', 'DOWN', 'DOWN', 'DOWN', 'DOWN', 'UP', 'UP'] as const) {
      const t = transition(state, r, 1);
      if (t.event) events.push(t.event);
      state = t.next;
    }
    expect(events).toEqual(['DOWN', 'UP']);
  });

  it('raises no event while blocked, and one DOWN and one UP around an outage the block interrupts', () => {
    const run = (results: Array<'UP' | 'DOWN' | 'BLOCKED'>) => {
      let state = s('PENDING');
      const events: string[] = [];
      for (const r of results) {
        const t = transition(state, r, 0);
        if (t.event) events.push(t.event);
        state = t.next;
      }
      return { events, state };
    };
    expect(run(['UP', 'BLOCKED', 'BLOCKED', 'UP', 'BLOCKED'])).toEqual({ events: [], state: s('BLOCKED') });
    expect(run(['UP', 'DOWN', 'BLOCKED', 'BLOCKED', 'DOWN', 'BLOCKED', 'UP']).events).toEqual(['DOWN', 'UP']);
  });
});
