import { describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { checkLabels, SeriesCache, monitorMetrics, upValue, type MonitorFacts } from '@/lib/metrics/monitor-series';
import { installMetricsSource, metricsState, observeResultWrite, observeScheduleLag } from '@/lib/metrics/registry';
import { renderMetrics } from '@/lib/metrics/render';
import { metricsAccess } from '@/lib/auth/metrics-token';
import { parseExposition, samplesOf } from '../support/prometheus-text';

const facts = (over: Partial<MonitorFacts> = {}): MonitorFacts => ({
  id: 'm1',
  name: 'Shop',
  type: 'http',
  userId: 'u1',
  status: 'UP',
  active: true,
  lastLatencyMs: 120,
  certExpiresAt: null,
  ...over,
});

async function render(monitors: MonitorFacts[], counts = new Map(), cache = new SeriesCache()) {
  const registry = new Registry();
  for (const m of monitorMetrics(monitors, counts, cache)) registry.registerMetric(m);
  return parseExposition(await registry.metrics());
}

describe('the up value', () => {
  it.each([
    ['UP', true, 1],
    ['DEGRADED', true, 1],
    ['DOWN', true, 0],
    ['PENDING', true, -1],
    ['BLOCKED', true, -1],
    ['UP', false, -1],
    ['DOWN', false, -1],
  ] as const)('%s (active %s) is %i', (status, active, expected) => {
    expect(upValue(status, active)).toBe(expected);
  });

  it('labels a check by result and cause, "none" for a success', () => {
    expect(checkLabels('UP', null)).toEqual({ result: 'up', cause: 'none' });
    expect(checkLabels('DOWN', 'timeout')).toEqual({ result: 'down', cause: 'timeout' });
    expect(checkLabels('BLOCKED', 'blocked_target')).toEqual({ result: 'blocked', cause: 'blocked_target' });
  });
});

describe('per-monitor series', () => {
  it('writes each monitor with id, name, type and owner_id, escaping quotes, backslashes and newlines in the name', async () => {
    const name = 'Say "hi" \\ to\nthe shop';
    const expiry = new Date('2030-01-02T03:04:05.678Z');
    const parsed = await render([facts({ name, certExpiresAt: expiry }), facts({ id: 'm2', name: 'plain', type: 'tcp', userId: 'u2', status: 'DOWN', lastLatencyMs: null })]);
    const [up] = samplesOf(parsed, 'pingboard_monitor_up', { id: 'm1' });
    expect(up.labels).toEqual({ id: 'm1', name, type: 'http', owner_id: 'u1' });
    expect(up.value).toBe(1);
    expect(samplesOf(parsed, 'pingboard_monitor_up', { id: 'm2' })[0]).toMatchObject({ labels: { type: 'tcp', owner_id: 'u2' }, value: 0 });
    expect(samplesOf(parsed, 'pingboard_monitor_response_time_seconds', { id: 'm1' })[0].value).toBeCloseTo(0.12);
    // No check yet, no certificate: no sample rather than a made-up value.
    expect(samplesOf(parsed, 'pingboard_monitor_response_time_seconds', { id: 'm2' })).toEqual([]);
    expect(samplesOf(parsed, 'pingboard_monitor_cert_expiry_timestamp_seconds', { id: 'm1' })[0].value).toBe(Math.floor(expiry.getTime() / 1000));
    expect(samplesOf(parsed, 'pingboard_monitor_cert_expiry_timestamp_seconds', { id: 'm2' })).toEqual([]);
    expect(parsed.types.get('pingboard_monitor_up')).toBe('gauge');
    expect(parsed.types.get('pingboard_monitor_checks_total')).toBe('counter');
  });

  it('counts checks per monitor by result and cause, with the monitor labels on each', async () => {
    const counts = new Map([
      ['m1', new Map([
        ['a', { result: 'up', cause: 'none', count: 7 }],
        ['b', { result: 'down', cause: 'timeout', count: 2 }],
      ])],
    ]);
    const parsed = await render([facts()], counts);
    expect(samplesOf(parsed, 'pingboard_monitor_checks_total').map((s) => [s.labels, s.value])).toEqual([
      [{ result: 'up', cause: 'none', id: 'm1', name: 'Shop', type: 'http', owner_id: 'u1' }, 7],
      [{ result: 'down', cause: 'timeout', id: 'm1', name: 'Shop', type: 'http', owner_id: 'u1' }, 2],
    ]);
  });

  it('shows a rename at the next scrape', async () => {
    const cache = new SeriesCache();
    await render([facts()], new Map(), cache);
    const parsed = await render([facts({ name: 'Shop EU' })], new Map(), cache);
    expect(samplesOf(parsed, 'pingboard_monitor_up').map((s) => [s.labels.name, s.value])).toEqual([['Shop EU', 1]]);
  });
});

describe('a whole scrape', () => {
  it('joins the source, the counts of stored checks, the histograms and the process metrics', async () => {
    observeResultWrite(
      [
        { monitorId: 'w1', status: 'UP', cause: null },
        { monitorId: 'w1', status: 'DOWN', cause: 'http_status' },
        { monitorId: 'w1', status: 'DOWN', cause: 'http_status' },
        { monitorId: 'gone', status: 'UP', cause: null },
      ],
      12,
    );
    observeScheduleLag(30);
    installMetricsSource({
      monitors: () => [facts({ id: 'w1', name: 'Worker "one"' })],
      scheduledTimers: () => 1,
      shared: async () => ({
        // w1 too: paused a moment ago, its worker still finishing a check. It is listed once, as the worker holds it.
        paused: [facts({ id: 'p1', name: 'Paused', status: 'PENDING', active: false, lastLatencyMs: null }), facts({ id: 'w1', name: 'Worker "one"', active: false })],
        deliveries: [
          { channelKind: 'webhook', pending: 3, failed: 1 },
          { channelKind: 'email', pending: 0, failed: 0 },
        ],
      }),
    });
    try {
      const { body, contentType } = await renderMetrics();
      expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
      const parsed = parseExposition(body);
      expect(samplesOf(parsed, 'pingboard_monitor_up').map((s) => [s.labels.id, s.value])).toEqual([['w1', 1], ['p1', -1]]);
      expect(samplesOf(parsed, 'pingboard_monitor_checks_total', { id: 'w1', result: 'down', cause: 'http_status' })[0].value).toBe(2);
      expect(samplesOf(parsed, 'pingboard_scheduled_timers')[0].value).toBe(1);
      expect(samplesOf(parsed, 'pingboard_alert_deliveries_pending', { channel_kind: 'webhook' })[0].value).toBe(3);
      expect(samplesOf(parsed, 'pingboard_alert_deliveries_failed', { channel_kind: 'webhook' })[0].value).toBe(1);
      expect(samplesOf(parsed, 'pingboard_result_write_batch_size_count')[0].value).toBeGreaterThanOrEqual(1);
      expect(samplesOf(parsed, 'pingboard_schedule_lag_seconds_bucket', { le: '0.05' })[0].value).toBeGreaterThanOrEqual(1);
      expect(parsed.types.get('pingboard_result_write_duration_seconds')).toBe('histogram');
      expect(parsed.types.get('nodejs_eventloop_lag_p99_seconds')).toBe('gauge');
      expect(parsed.types.get('process_cpu_seconds_total')).toBe('counter');
      // A monitor this instance no longer exposes takes its counts with it.
      expect(metricsState().checkCounts.has('gone')).toBe(false);
    } finally {
      installMetricsSource(null);
    }
  });

  it('still answers when the shared facts cannot be read, without them', async () => {
    installMetricsSource({
      monitors: () => [facts()],
      scheduledTimers: () => 1,
      shared: () => Promise.reject(new Error('database unreachable')),
    });
    try {
      const parsed = parseExposition((await renderMetrics()).body);
      expect(samplesOf(parsed, 'pingboard_monitor_up')).toHaveLength(1);
      expect(parsed.types.has('pingboard_alert_deliveries_pending')).toBe(false);
    } finally {
      installMetricsSource(null);
    }
  });
});

describe('metrics access', () => {
  it.each([
    [null, undefined, 'disabled'],
    ['Bearer anything', undefined, 'disabled'],
    [null, 's3cret-token', 'refused'],
    ['', 's3cret-token', 'refused'],
    ['Bearer', 's3cret-token', 'refused'],
    ['Bearer s3cret-tokeN', 's3cret-token', 'refused'],
    ['Bearer s3cret-token-and-more', 's3cret-token', 'refused'],
    ['Basic s3cret-token', 's3cret-token', 'refused'],
    ['Bearer s3cret-token x', 's3cret-token', 'refused'],
    ['Bearer s3cret-token', 's3cret-token', 'granted'],
    ['bearer  s3cret-token ', 's3cret-token', 'granted'],
  ] as const)('%j with token %j is %s', (header, token, expected) => {
    expect(metricsAccess(header, token)).toBe(expected);
  });
});
