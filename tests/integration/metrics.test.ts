// GET /metrics through the production server: off without METRICS_TOKEN, refused without the
// bearer token (and never turned into a sign-in redirect by proxy.ts), and with it a Prometheus
// exposition that a strict parser reads, whose per-monitor values match what real checks of
// loopback targets stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { Api, waitFor } from '../support/api';
import { startTarget, type TargetServer } from '../support/target-server';
import { startSlowTlsServer, type SlowTlsServer } from '../support/slow-tls-server';
import { makeShortLivedCert } from './engine-helpers';
import { parseExposition, samplesOf, type Exposition } from '../support/prometheus-text';

const TOKEN = 'metrics-token-for-the-test-0123456789';

let app: AppServer;
let off: AppServer;
let api: Api;
let userId: string;
let up: TargetServer;
let failing: TargetServer;
let tls: SlowTlsServer;

beforeAll(async () => {
  [app, off, up, failing, tls] = await Promise.all([
    startApp({ env: { METRICS_TOKEN: TOKEN } }),
    startApp(),
    startTarget(200),
    startTarget(503),
    startSlowTlsServer(makeShortLivedCert(40, 'metrics'), 0),
  ]);
  api = new Api(app.url);
  userId = (await api.signup()).id;
});
afterAll(async () => {
  await Promise.all([app?.dispose(), off?.dispose(), up?.close(), failing?.close(), tls?.close()]);
});

const get = (server: AppServer, headers: Record<string, string> = {}) => fetch(`${server.url}/metrics`, { headers, redirect: 'manual' });

async function scrape(): Promise<Exposition> {
  const res = await get(app, { authorization: `Bearer ${TOKEN}` });
  expect(res.status).toBe(200);
  return parseExposition(await res.text());
}

/** The one sample of a metric for a monitor; undefined when there is none. */
const valueOf = (e: Exposition, name: string, labels: Record<string, string>) => {
  const found = samplesOf(e, name, labels);
  expect(found.length).toBeLessThanOrEqual(1);
  return found[0]?.value;
};

describe('access to /metrics', () => {
  it('is 404 without METRICS_TOKEN, whatever the request sends, and never a redirect', async () => {
    for (const headers of [{}, { authorization: `Bearer ${TOKEN}` }, { cookie: 'pingboard_session=x' }] as Array<Record<string, string>>) {
      const res = await get(off, headers);
      expect(res.status, JSON.stringify(headers)).toBe(404);
    }
  });

  it('is 401 without the bearer token or with another one, with a Bearer challenge and no metrics', async () => {
    const wrong: Array<Record<string, string>> = [
      {},
      { authorization: 'Bearer' },
      { authorization: `Bearer ${TOKEN.slice(0, -1)}x` },
      { authorization: `Bearer ${TOKEN}x` },
      { authorization: `Basic ${Buffer.from(`prometheus:${TOKEN}`).toString('base64')}` },
      // A signed-in user's session is not the metrics token.
      { cookie: `pingboard_session=${api.token}` },
      { authorization: `Bearer ${api.token}` },
    ];
    for (const headers of wrong) {
      const res = await get(app, headers);
      const body = await res.text();
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(body).not.toContain('pingboard_');
    }
  });

  it('is not redirected to /login by proxy.ts, with or without a cookie', async () => {
    for (const headers of [{}, { cookie: 'pingboard_session=garbage' }, { authorization: `Bearer ${TOKEN}` }] as Array<Record<string, string>>) {
      const res = await get(app, headers);
      expect([301, 302, 303, 307, 308], JSON.stringify(headers)).not.toContain(res.status);
      expect([200, 401], JSON.stringify(headers)).toContain(res.status);
      expect(res.headers.get('location')).toBeNull();
    }
    // The pages around it still get the redirect.
    expect((await fetch(`${app.url}/`, { redirect: 'manual' })).headers.get('location')).toContain('/login');
  });

  it('answers 200 in the Prometheus text format with the instance metrics, gzipped when asked', async () => {
    const plain = await get(app, { authorization: `Bearer ${TOKEN}`, 'accept-encoding': 'identity' });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-encoding')).toBeNull();
    parseExposition(await plain.text());
    // fetch asks for gzip and unpacks it, as Prometheus does (Next compresses the answer).
    const res = await get(app, { authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const e = parseExposition(await res.text());
    for (const [name, type] of [
      ['pingboard_scheduled_timers', 'gauge'],
      ['pingboard_schedule_lag_seconds', 'histogram'],
      ['pingboard_result_write_batch_size', 'histogram'],
      ['pingboard_result_write_duration_seconds', 'histogram'],
      ['pingboard_alert_deliveries_pending', 'gauge'],
      ['pingboard_alert_deliveries_failed', 'gauge'],
      ['process_cpu_seconds_total', 'counter'],
      ['process_resident_memory_bytes', 'gauge'],
      ['nodejs_eventloop_lag_seconds', 'gauge'],
      ['nodejs_eventloop_lag_p99_seconds', 'gauge'],
    ]) {
      expect(e.types.get(name), name).toBe(type);
    }
    // Every channel kind is listed, so an alert rule on it never sees a missing series.
    expect(samplesOf(e, 'pingboard_alert_deliveries_pending').map((s) => s.labels.channel_kind)).toEqual(expect.arrayContaining(['email', 'webhook', 'slack', 'pagerduty']));
  });
});

describe('per-monitor values after real checks', () => {
  it('match what the checks stored: up, response time, checks by result and cause, certificate expiry', async () => {
    const create = async (body: Record<string, unknown>) => {
      const res = await api.post('/api/monitors', { intervalSeconds: 60, ...body });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.monitor as { id: string };
    };
    const healthy = await create({ name: 'Healthy', url: up.url });
    const broken = await create({ name: 'Broken', url: failing.url, retries: 0 });
    const secure = await create({ name: 'Secure', url: tls.url, ignoreTlsErrors: true });
    const paused = await create({ name: 'Paused', url: up.url, active: false });
    const push = await create({ name: 'Nightly job', type: 'heartbeat', intervalSeconds: 3600, graceSeconds: 60 });
    // Checks by hand on top of the first scheduled one, so the counts are more than 1.
    for (const m of [healthy, broken]) for (let i = 0; i < 2; i++) expect((await api.post(`/api/monitors/${m.id}/check`)).status).toBe(200);

    const stored = async (id: string) => {
      const monitor = (await api.get(`/api/monitors/${id}`)).body.monitor;
      const checks = (await api.get(`/api/monitors/${id}/checks?limit=100`)).body.checks as Array<{ status: string; cause: string | null }>;
      return { monitor, checks };
    };
    const counted = (e: Exposition, id: string) => samplesOf(e, 'pingboard_monitor_checks_total', { id }).reduce((n, s) => n + s.value, 0);
    // Wait until every stored check is counted (the counter follows the batched writes).
    const e = await waitFor(async () => {
      const now = await scrape();
      for (const m of [healthy, broken, secure]) {
        const { checks } = await stored(m.id);
        if (checks.length === 0 || counted(now, m.id) !== checks.length) return null;
      }
      return now;
    }, 15_000, 'checks counted');

    const labels = (id: string, name: string, type = 'http') => ({ id, name, type, owner_id: userId });
    expect(samplesOf(e, 'pingboard_monitor_up', { id: healthy.id })[0].labels).toEqual(labels(healthy.id, 'Healthy'));
    expect(valueOf(e, 'pingboard_monitor_up', { id: healthy.id })).toBe(1);
    expect(valueOf(e, 'pingboard_monitor_up', { id: broken.id })).toBe(0);
    expect(valueOf(e, 'pingboard_monitor_up', { id: secure.id })).toBe(1);
    expect(valueOf(e, 'pingboard_monitor_up', { id: paused.id })).toBe(-1);
    expect(samplesOf(e, 'pingboard_monitor_up', { id: push.id })[0]).toMatchObject({ labels: labels(push.id, 'Nightly job', 'heartbeat'), value: -1 });

    for (const m of [healthy, broken, secure]) {
      const { monitor, checks } = await stored(m.id);
      expect(valueOf(e, 'pingboard_monitor_response_time_seconds', { id: m.id })).toBeCloseTo(monitor.lastLatencyMs / 1000, 6);
      // Per result and cause, the counts are the stored checks'.
      const byKey = new Map<string, number>();
      for (const c of checks) {
        const key = `${c.status.toLowerCase()}/${c.cause ?? 'none'}`;
        byKey.set(key, (byKey.get(key) ?? 0) + 1);
      }
      const exposed = new Map(samplesOf(e, 'pingboard_monitor_checks_total', { id: m.id }).map((s) => [`${s.labels.result}/${s.labels.cause}`, s.value]));
      expect(exposed, monitor.name).toEqual(byKey);
    }
    expect(samplesOf(e, 'pingboard_monitor_checks_total', { id: healthy.id, result: 'up', cause: 'none' })[0].value).toBeGreaterThanOrEqual(3);
    expect(samplesOf(e, 'pingboard_monitor_checks_total', { id: broken.id, result: 'down', cause: 'http_status' })[0].value).toBeGreaterThanOrEqual(3);

    const cert = (await stored(secure.id)).monitor.certExpiresAt as string;
    expect(cert).toBeTruthy();
    expect(valueOf(e, 'pingboard_monitor_cert_expiry_timestamp_seconds', { id: secure.id })).toBe(Math.floor(Date.parse(cert) / 1000));
    // Plain http has no certificate: no sample rather than a made-up one.
    expect(valueOf(e, 'pingboard_monitor_cert_expiry_timestamp_seconds', { id: healthy.id })).toBeUndefined();
    expect(valueOf(e, 'pingboard_scheduled_timers', {})).toBe(4);

    // Paused: -1 with its counts gone from this instance's series; deleted: gone altogether.
    expect((await api.patch(`/api/monitors/${healthy.id}`, { active: false })).status).toBe(200);
    expect((await api.delete(`/api/monitors/${broken.id}`)).status).toBe(204);
    const after = await waitFor(async () => {
      const now = await scrape();
      return valueOf(now, 'pingboard_monitor_up', { id: healthy.id }) === -1 && samplesOf(now, 'pingboard_monitor_up', { id: broken.id }).length === 0 ? now : null;
    }, 5000, 'pause and delete shown');
    expect(valueOf(after, 'pingboard_scheduled_timers', {})).toBe(2);
  });

  it('escapes a monitor name with quotes, a backslash and a newline so a parser reads it back exactly', async () => {
    const name = 'Shop "EU" \\ checkout\nsecond line';
    const res = await api.post('/api/monitors', { name, url: up.url, intervalSeconds: 60 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const id = res.body.monitor.id as string;
    const storedName = res.body.monitor.name as string;
    const body = await (await get(app, { authorization: `Bearer ${TOKEN}` })).text();
    // Escaped on the wire: one line per sample, the quote and backslash escaped.
    const line = body.split('\n').find((l) => l.startsWith('pingboard_monitor_up{') && l.includes(id));
    expect(line).toBeDefined();
    expect(line).toContain(JSON.stringify(storedName).slice(1, -1));
    const e = parseExposition(body);
    expect(samplesOf(e, 'pingboard_monitor_up', { id })[0].labels.name).toBe(storedName);
    expect(storedName).toContain('"');
    expect(storedName).toContain('\\');
    expect(storedName).toContain('\n');
  });
});
