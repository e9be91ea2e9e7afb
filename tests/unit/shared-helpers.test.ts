import { describe, expect, it, vi } from 'vitest';
import { causeText } from '@/lib/domain/cause-labels';
import { formatMs, formatMsCoarse, formatSecondsCoarse } from '@/lib/shared/durations';
import { backoffDelay, retryWithBackoff } from '@/lib/shared/retry';
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from '@/lib/shared/time';

// The shared helpers every layer leans on: durations by unit, the one backoff loop, and the
// one wording of a failure's cause used by both the pages and the alert emails.

describe('formatMs (exact, for limits and timeouts stored in check errors)', () => {
  it.each([
    [0, '0 ms'],
    [0.4, '0 ms'],
    [200, '200 ms'],
    [999.4, '999 ms'],
    [SECOND_MS, '1 s'],
    [1_200, '1.2 s'],
    [1_500, '1.5 s'],
    [10 * SECOND_MS, '10 s'],
    [MINUTE_MS, '60 s'],
    [HOUR_MS, '3600 s'],
  ])('%d ms → %s', (ms, expected) => {
    expect(formatMs(ms)).toBe(expected);
  });
});

describe('formatMsCoarse (two largest units, for alert emails)', () => {
  it.each([
    [0, 'less than 1 s'],
    [999, 'less than 1 s'],
    [SECOND_MS, '1 s'],
    [45_000, '45 s'],
    [60_000, '1 min'],
    [192_000, '3 min 12 s'],
    [192_900, '3 min 12 s'],
    [3_600_000, '1 h'],
    [HOUR_MS + 30 * SECOND_MS, '1 h'],
    [(2 * 3600 + 5 * 60 + 30) * 1000, '2 h 5 min'],
    [86_400_000, '1 d'],
    [(27 * 3600 + 59 * 60) * 1000, '1 d 3 h'],
    [400 * DAY_MS + 5 * HOUR_MS, '400 d 5 h'],
    [-5, 'less than 1 s'],
    [Number.NaN, 'less than 1 s'],
    [Number.POSITIVE_INFINITY, 'less than 1 s'],
  ])('%d ms → %s', (ms, expected) => {
    expect(formatMsCoarse(ms)).toBe(expected);
  });
});

describe('formatSecondsCoarse (incident lengths on the pages)', () => {
  it.each([
    [0, '0 s'],
    [1, '1 s'],
    [59, '59 s'],
    [60, '1 min'],
    [90, '1 min'],
    [3_599, '59 min'],
    [3_600, '1 h 0 min'],
    [2 * 3600 + 5 * 60 + 30, '2 h 5 min'],
    [47 * 3600 + 59 * 60, '47 h 59 min'],
    [48 * 3600, '2 d 0 h'],
    [400 * 86_400 + 5 * 3600, '400 d 5 h'],
  ])('%d s → %s', (seconds, expected) => {
    expect(formatSecondsCoarse(seconds)).toBe(expected);
  });
});

describe('backoffDelay', () => {
  it('doubles from the base delay after each failed try', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, { baseDelayMs: 100 }))).toEqual([100, 200, 400, 800]);
  });

  it('never waits longer than maxDelayMs', () => {
    expect([1, 2, 3, 4, 30].map((attempt) => backoffDelay(attempt, { baseDelayMs: 200, maxDelayMs: 500 }))).toEqual([200, 400, 500, 500, 500]);
  });

  it('takes jitter off the delay, never more than the jitter share', () => {
    const o = { baseDelayMs: 1_000, jitter: 0.5 };
    expect(backoffDelay(1, o, () => 0)).toBe(1_000);
    expect(backoffDelay(1, o, () => 1)).toBe(500);
    expect(backoffDelay(2, o, () => 0.5)).toBe(1_500);
    for (let i = 0; i < 200; i++) {
      const d = backoffDelay(3, o);
      expect(d).toBeGreaterThanOrEqual(2_000);
      expect(d).toBeLessThanOrEqual(4_000);
    }
  });

  it('clamps jitter to between none and all of the delay', () => {
    expect(backoffDelay(1, { baseDelayMs: 100, jitter: 5 }, () => 0.25)).toBe(75);
    expect(backoffDelay(1, { baseDelayMs: 100, jitter: -1 }, () => 1)).toBe(100);
  });
});

describe('retryWithBackoff', () => {
  /** A task whose first `failures` calls throw `boom <n>`. */
  function flaky(failures: number) {
    return vi.fn(async (attempt: number) => {
      if (attempt <= failures) throw new Error(`boom ${attempt}`);
      return `ok on ${attempt}`;
    });
  }
  function recorder() {
    const sleeps: number[] = [];
    return { sleeps, sleep: async (ms: number) => void sleeps.push(ms) };
  }

  it('returns the first success without waiting', async () => {
    const fn = flaky(0);
    const { sleeps, sleep } = recorder();
    await expect(retryWithBackoff(fn, { attempts: 3, baseDelayMs: 100, sleep })).resolves.toBe('ok on 1');
    expect(fn).toHaveBeenCalledTimes(1);
    expect(sleeps).toEqual([]);
  });

  it('retries with growing waits and tells onRetry about each failed try', async () => {
    const fn = flaky(2);
    const onRetry = vi.fn();
    const { sleeps, sleep } = recorder();
    await expect(retryWithBackoff(fn, { attempts: 5, baseDelayMs: 100, onRetry, sleep })).resolves.toBe('ok on 3');
    expect(fn.mock.calls.map(([attempt]) => attempt)).toEqual([1, 2, 3]);
    expect(sleeps).toEqual([100, 200]);
    expect(onRetry.mock.calls).toEqual([
      [new Error('boom 1'), 1, 100],
      [new Error('boom 2'), 2, 200],
    ]);
  });

  it('makes exactly `attempts` tries, then rethrows the last error', async () => {
    const fn = flaky(Infinity);
    const onRetry = vi.fn();
    const { sleeps, sleep } = recorder();
    await expect(retryWithBackoff(fn, { attempts: 4, baseDelayMs: 50, maxDelayMs: 120, onRetry, sleep })).rejects.toThrow('boom 4');
    expect(fn).toHaveBeenCalledTimes(4);
    expect(sleeps).toEqual([50, 100, 120]);
    expect(onRetry).toHaveBeenCalledTimes(3);
  });

  it('tries once when attempts is 1', async () => {
    const fn = flaky(Infinity);
    const { sleeps, sleep } = recorder();
    await expect(retryWithBackoff(fn, { attempts: 1, baseDelayMs: 100, sleep })).rejects.toThrow('boom 1');
    expect(fn).toHaveBeenCalledTimes(1);
    expect(sleeps).toEqual([]);
  });

  it('stops at once on an error that is not retryable', async () => {
    const fatal = new Error('constraint failed');
    const fn = vi.fn(async () => {
      throw fatal;
    });
    const onRetry = vi.fn();
    const { sleeps, sleep } = recorder();
    const retryable = vi.fn((err: unknown) => err !== fatal);
    await expect(retryWithBackoff(fn, { attempts: 5, baseDelayMs: 100, retryable, onRetry, sleep })).rejects.toBe(fatal);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(retryable).toHaveBeenCalledWith(fatal);
    expect(onRetry).not.toHaveBeenCalled();
    expect(sleeps).toEqual([]);
  });

  it('keeps jittered waits within their bounds', async () => {
    const { sleeps, sleep } = recorder();
    await expect(retryWithBackoff(flaky(Infinity), { attempts: 4, baseDelayMs: 1_000, jitter: 0.5, sleep })).rejects.toThrow('boom 4');
    expect(sleeps).toHaveLength(3);
    sleeps.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(500 * 2 ** i);
      expect(ms).toBeLessThanOrEqual(1_000 * 2 ** i);
    });
  });
});

describe('causeText (one wording for pages and emails)', () => {
  it('joins the cause label and the error', () => {
    expect(causeText('http_status', 'HTTP 503 Service Unavailable')).toBe('Unexpected status — HTTP 503 Service Unavailable');
    expect(causeText('keyword_missing', 'Keyword "healthy" not found in response')).toBe('Keyword missing — Keyword "healthy" not found in response');
    expect(causeText('timeout', 'Timed out after 10 s')).toBe('Timeout — Timed out after 10 s');
  });

  it('does not repeat a label the error already states', () => {
    expect(causeText('connection_refused', 'Connection refused')).toBe('Connection refused');
    expect(causeText('dns_failure', 'DNS failure for example.invalid')).toBe('DNS failure for example.invalid');
    expect(causeText('tls_error', 'tls error: certificate has expired')).toBe('tls error: certificate has expired');
  });

  it('copes with missing or unknown parts', () => {
    expect(causeText(null, 'boom')).toBe('boom');
    expect(causeText(undefined, undefined)).toBeNull();
    expect(causeText('heartbeat_missed', null)).toBe('Heartbeat missed');
    expect(causeText('heartbeat_missed', '')).toBe('Heartbeat missed');
    expect(causeText('some_new_cause', null)).toBe('some new cause');
    expect(causeText('some_new_cause', 'details')).toBe('some new cause — details');
    expect(causeText(null, null)).toBeNull();
  });
});

describe('DomainError across bundles', () => {
  it('is recognised by the brand, so a copy of the class from another bundle still maps to HTTP', async () => {
    const { DomainError, NotFoundError, ConflictError } = await import('@/lib/errors');
    const foreign = Object.assign(new Error('Monitor not found'), { [Symbol.for('pingboard.DomainError')]: true, kind: 'not_found', details: {} });
    expect(foreign instanceof DomainError).toBe(true);
    expect(new NotFoundError('Monitor') instanceof DomainError).toBe(true);
    expect(new NotFoundError('Monitor') instanceof ConflictError).toBe(false);
    expect(new Error('x') instanceof DomainError).toBe(false);
  });
});
