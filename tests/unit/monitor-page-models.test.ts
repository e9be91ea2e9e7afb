import { describe, expect, it } from 'vitest';
import { drawsEachCheck, extendSeries, initialWindow, seriesFrom, SERIES_LIMIT } from '@/lib/ui/history-window';
import { uptimeTier } from '@/components/charts/uptime-tiers';
import { cloneValues, copyName, hasInputFor, initialValues, issueErrors, NAME_MAX, secretsToReenter, validate } from '@/lib/ui/monitor-form-model';
import { parseTheme, validTimeZone } from '@/lib/ui/preferences';
import type { MonitorDto } from '@/lib/dto';

// The monitor page's and settings page's pure rules: which window opens, when the chart draws
// each check and how a refresh extends that series, how an uptime slice is coloured, what a
// clone copies, and which preference values are believed.

const T0 = Date.parse('2026-03-01T12:00:00Z');
const check = (id: string, secondsAfter: number, status = 'UP') => ({ id, checkedAt: new Date(T0 + secondsAfter * 1000).toISOString(), status, latencyMs: 10 });

describe('history window', () => {
  it.each([
    [0, '1h'],
    [23.9, '1h'],
    [24, '24h'],
    [24 * 40, '24h'],
  ])('opens a monitor %s hours old on %s', (hours, key) => {
    expect(initialWindow(new Date(T0 - hours * 3_600_000).toISOString(), T0)).toBe(key);
  });

  it('draws each check in 1 h and 24 h while they fit in one request, never in 7 or 30 days', () => {
    expect(drawsEachCheck('1h', 60)).toBe(true);
    expect(drawsEachCheck('24h', SERIES_LIMIT)).toBe(true);
    expect(drawsEachCheck('24h', SERIES_LIMIT + 1)).toBe(false);
    expect(drawsEachCheck('7d', 10)).toBe(false);
    expect(drawsEachCheck('30d', 0)).toBe(false);
  });

  it('orders a series oldest first and keeps only the window', () => {
    const s = seriesFrom([check('c', 20), check('b', 10), check('a', 0)], T0 + 5_000);
    expect(s.map((p) => p.id)).toEqual(['b', 'c']);
  });

  it('extends a series with the newest page, dropping what slid out of the window', () => {
    const s = seriesFrom([check('b', 10), check('a', 0)], T0);
    const next = extendSeries(s, [check('d', 30, 'DOWN'), check('c', 20), check('b', 10)], T0 + 5_000);
    expect(next?.map((p) => [p.id, p.status])).toEqual([
      ['b', 'UP'],
      ['c', 'UP'],
      ['d', 'DOWN'],
    ]);
  });

  it('asks for a refetch when the newest page does not reach back to the series', () => {
    const s = seriesFrom([check('b', 10)], T0);
    expect(extendSeries(s, [check('e', 40), check('d', 30)], T0)).toBeNull();
    // An empty series is extended by anything.
    expect(extendSeries([], [check('a', 0)], T0)?.map((p) => p.id)).toEqual(['a']);
  });
});

describe('uptime slice colour', () => {
  it.each([
    [0, 0, 'empty'],
    [25, 25, 'full'],
    [25, 19, 'partial'], // 76 %: mostly up, not red
    [2, 1, 'partial'],
    [25, 12, 'down'],
    [3, 0, 'down'],
  ])('%s checks with %s up is %s', (totalChecks, upChecks, tier) => {
    expect(uptimeTier({ totalChecks, upChecks })).toBe(tier);
  });
});

describe('clone', () => {
  const source = {
    id: 'm1',
    name: 'Marketing site',
    type: 'http',
    url: 'https://example.com/',
    method: 'GET',
    intervalSeconds: 60,
    timeoutSeconds: 10,
    active: true,
    headers: [
      { name: 'X-Plain', value: 'visible', secret: false },
      { name: 'Authorization', value: null, secret: true },
    ],
    acceptedStatusCodes: ['200-299'],
    jsonAssertions: [],
    channelIds: ['ch1'],
    publicBadge: true,
  } as unknown as MonitorDto;

  it('marks the name as a copy within the name limit', () => {
    expect(NAME_MAX).toBe(100);
    expect(copyName('Site')).toBe('Site (copy)');
    expect(copyName('x'.repeat(100))).toHaveLength(100);
    expect(copyName('x'.repeat(100)).endsWith(' (copy)')).toBe(true);
  });

  it('copies the settings and asks again for each secret header value', () => {
    const v = cloneValues(source);
    expect(v.name).toBe('Marketing site (copy)');
    expect(v.url).toBe('https://example.com/');
    expect(v.channelIds).toEqual(['ch1']);
    expect(secretsToReenter(v)).toEqual(['Authorization']);
    const { errors } = validate(v, { editing: false, timeoutTouched: false });
    expect(errors['headers.1.value']).toMatch(/Enter this secret value again/);
    const filled = { ...v, headers: v.headers.map((h) => (h.reenter ? { ...h, value: 'Bearer x' } : h)) };
    const ok = validate(filled, { editing: false, timeoutTouched: false });
    expect(ok.errors).toEqual({});
    expect(ok.payload.headers).toEqual([
      { name: 'X-Plain', value: 'visible', secret: false },
      { name: 'Authorization', value: 'Bearer x', secret: true },
    ]);
  });
});

describe('monitor form: success threshold, dependency and degraded thresholds', () => {
  const base = () => ({ ...initialValues(), name: 'Shop', url: 'https://shop.example/' });
  const opts = { editing: false, timeoutTouched: false };

  it('sends no thresholds as degraded: null, no parent as null, and the default success threshold', () => {
    const { payload, errors } = validate(base(), opts);
    expect(errors).toEqual({});
    expect(payload).toMatchObject({ degraded: null, parentId: null, successThreshold: 1 });
  });

  it('sends the thresholds typed, leaving an empty consecutive to the server', () => {
    const v = { ...base(), successThreshold: '3', parentId: 'p1', degraded: { ...base().degraded, tlsMs: '500', totalMs: '2000' } };
    const { payload, errors } = validate(v, opts);
    expect(errors).toEqual({});
    expect(payload).toMatchObject({ successThreshold: 3, parentId: 'p1', degraded: { totalMs: 2000, tlsMs: 500 } });
    expect(payload.degraded).not.toHaveProperty('consecutive');
  });

  it('puts each error beside its input, with the same messages as the API', () => {
    const v = { ...base(), successThreshold: '11', degraded: { ...base().degraded, dnsMs: '0', consecutive: '200' } };
    const { errors } = validate(v, opts);
    expect(errors.successThreshold).toBe('Success threshold must be at most 10');
    expect(errors['degraded.dnsMs']).toBe('DNS threshold must be at least 1 ms');
    expect(errors['degraded.consecutive']).toBe('Consecutive checks must be at most 100');
    // Consecutive alone is no threshold: the error goes to the group.
    const alone = validate({ ...base(), degraded: { ...base().degraded, consecutive: '5' } }, opts).errors;
    expect(alone.degraded).toBe('Set at least one threshold, or leave Consecutive checks empty');
    // The API's answers land on the same keys; a parent the API refuses lands on the select.
    expect(issueErrors([{ path: ['degraded', 'ttfbMs'], message: 'x' }, { path: ['parentId'], message: 'That parent depends on this monitor' }])).toEqual({
      'degraded.ttfbMs': 'x',
      parentId: 'That parent depends on this monitor',
    });
    for (const key of ['degraded', 'degraded.tlsMs', 'degraded.consecutive', 'successThreshold', 'parentId']) expect(hasInputFor(key, base()), key).toBe(true);
    expect(hasInputFor('degraded.bogus', base())).toBe(false);
    // A push monitor has no thresholds or success threshold, but may depend on another monitor.
    const push = { ...base(), type: 'heartbeat' as const };
    expect([hasInputFor('degraded.tlsMs', push), hasInputFor('successThreshold', push), hasInputFor('parentId', push)]).toEqual([false, false, true]);
    expect(validate(push, opts).payload).not.toHaveProperty('degraded');
  });

  it('reads a saved monitor back into the inputs', () => {
    const saved = { ...({} as MonitorDto), type: 'http', successThreshold: 2, parentId: 'p9', degraded: { ttfbMs: 800, consecutive: 3 }, channelIds: [], headers: [], jsonAssertions: [], acceptedStatusCodes: ['200-299'] } as unknown as MonitorDto;
    const v = initialValues(saved);
    expect([v.successThreshold, v.parentId, v.degraded.ttfbMs, v.degraded.consecutive, v.degraded.totalMs]).toEqual(['2', 'p9', '800', '3', '']);
  });
});

describe('preferences', () => {
  it('believes only known themes and time zones', () => {
    expect(parseTheme('dark')).toBe('dark');
    expect(parseTheme('blue')).toBe('system');
    expect(parseTheme(undefined)).toBe('system');
    expect(validTimeZone('Asia/Tokyo')).toBe('Asia/Tokyo');
    expect(validTimeZone('Mars/Olympus')).toBeNull();
    expect(validTimeZone('x'.repeat(65))).toBeNull();
  });
});
