// Heartbeat (push) and TCP monitors through the real server, and the outbound rules at create
// time. Only loopback is ever connected to: the metadata and private addresses below are
// refused by the API before any monitor exists (and are created inactive, should that fail).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, startTcpServer, type TestServer } from '../checker/helpers';
import {
  alertsOf,
  checksOf,
  incidentsOf,
  monitorOf,
  sleep,
  startEngineApp,
  waitFor,
  waitForStatus,
  type EngineApp,
} from './engine-helpers';

let e: EngineApp;
let strict: EngineApp;
let tcpTarget: TestServer;

beforeAll(async () => {
  [e, strict, tcpTarget] = await Promise.all([
    startEngineApp(),
    startEngineApp({ BLOCK_PRIVATE_TARGETS: 'true' }),
    startTcpServer((socket) => socket.resume()),
  ]);
});
afterAll(async () => {
  await Promise.all([e?.close(), strict?.close(), tcpTarget?.close()]);
});

describe('heartbeat monitors', () => {
  it('ping -> UP, silence past period + grace -> DOWN (heartbeat_missed), ping -> UP, /fail -> DOWN (heartbeat_failed)', async () => {
    const res = await e.api.post('/api/monitors', { name: 'Nightly job', type: 'heartbeat', intervalSeconds: 2, graceSeconds: 1 });
    expect(res.status).toBe(201);
    const m = res.body.monitor;
    expect(m).toMatchObject({ type: 'heartbeat', status: 'PENDING', intervalSeconds: 2, graceSeconds: 1 });
    expect(m.heartbeatUrl).toMatch(new RegExp(`^${e.app.url}/api/heartbeat/[A-Za-z0-9_-]{16,64}$`));
    const ping = async (method: 'GET' | 'POST', suffix = '') => {
      const started = performance.now();
      const r = await fetch(m.heartbeatUrl + suffix, { method }); // no credentials
      const elapsed = performance.now() - started;
      expect(r.status).toBe(200);
      expect(elapsed).toBeLessThan(500);
    };

    await ping('GET');
    const up = await monitorOf(e.api, m.id);
    expect(up.status).toBe('UP');
    expect(up.lastHeartbeatAt).not.toBeNull();

    // Pings within the period keep it UP.
    for (let i = 0; i < 3; i++) {
      await sleep(1000);
      await ping(i % 2 ? 'POST' : 'GET');
    }
    expect((await monitorOf(e.api, m.id)).status).toBe('UP');

    // Silence: DOWN about 3 s (2 s period + 1 s grace) after the last ping.
    const lastPing = Date.now();
    const down = await waitForStatus(e.api, m.id, 'DOWN', 6000);
    const after = Date.parse(down.statusChangedAt) - lastPing;
    expect(after).toBeGreaterThan(2_800);
    expect(after).toBeLessThan(3_800);
    expect(down).toMatchObject({ lastCause: 'heartbeat_missed' });
    expect(down.lastError).toMatch(/^No ping within 2 s \+ 1 s grace/);
    let incidents = await incidentsOf(e.api, m.id);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ ongoing: true, cause: 'heartbeat_missed' });

    await ping('POST');
    expect((await monitorOf(e.api, m.id)).status).toBe('UP');
    incidents = await incidentsOf(e.api, m.id);
    expect(incidents).toHaveLength(1);
    expect(incidents[0].ongoing).toBe(false);

    await ping('GET', '/fail');
    const failed = await monitorOf(e.api, m.id);
    expect(failed).toMatchObject({ status: 'DOWN', lastCause: 'heartbeat_failed' });
    incidents = await incidentsOf(e.api, m.id);
    expect(incidents).toHaveLength(2);
    expect(incidents[0]).toMatchObject({ ongoing: true, cause: 'heartbeat_failed' });
    await ping('POST');
    expect((await monitorOf(e.api, m.id)).status).toBe('UP');

    await e.sendgrid.waitFor(() => e.subjects().filter((s) => s.includes('Nightly job')).length >= 4, 5000);
    await sleep(500);
    expect(e.subjects().filter((s) => s.includes('Nightly job')).map((s) => s.split(']')[0])).toEqual(['[DOWN', '[UP', '[DOWN', '[UP']);
    const alerts = await alertsOf(e.api, m.id);
    // One delivery per event on the owner's email channel; the causes are on the incidents.
    expect(alerts.map((a) => [a.kind, a.channelKind])).toEqual([
      ['UP', 'email'],
      ['DOWN', 'email'],
      ['UP', 'email'],
      ['DOWN', 'email'],
    ]);
    const checks = await checksOf(e.api, m.id);
    expect(checks.map((c) => c.cause)).toContain('heartbeat_missed');
    expect(checks[1]).toMatchObject({ status: 'DOWN', cause: 'heartbeat_failed', error: 'The job reported a failure' });
    await e.api.delete(`/api/monitors/${m.id}`);
  });

  it('an unknown or malformed token is 404, and a paused heartbeat monitor records the ping without alerting', async () => {
    for (const token of ['A'.repeat(32), 'short', 'x'.repeat(32) + '/fail']) {
      expect((await fetch(`${e.app.url}/api/heartbeat/${token}`)).status).toBe(404);
      expect((await fetch(`${e.app.url}/api/heartbeat/${token}`, { method: 'POST' })).status).toBe(404);
    }
    const m = (await e.api.post('/api/monitors', { name: 'Paused job', type: 'heartbeat', intervalSeconds: 60, active: false })).body.monitor;
    expect((await fetch(m.heartbeatUrl)).status).toBe(200);
    const after = await monitorOf(e.api, m.id);
    expect(after.lastHeartbeatAt).not.toBeNull();
    expect(after.status).toBe('PENDING');
    // An HTTP monitor has no heartbeat URL.
    const http = (await e.api.post('/api/monitors', { name: 'web', url: 'http://127.0.0.1:9/', active: false })).body.monitor;
    expect(http.heartbeatUrl).toBeNull();
  });
});

describe('TCP monitors', () => {
  it('UP when the port accepts, with the connect time; connection_refused on a closed port', async () => {
    const open = (await e.api.post('/api/monitors', { name: 'tcp open', type: 'tcp', host: '127.0.0.1', port: tcpTarget.port, intervalSeconds: 1, timeoutSeconds: 1 })).body.monitor;
    expect(open).toMatchObject({ type: 'tcp', host: '127.0.0.1', port: tcpTarget.port, url: null });
    await waitForStatus(e.api, open.id, 'UP', 3000);
    const [check] = await waitFor(async () => {
      const list = await checksOf(e.api, open.id);
      return list.length > 0 ? list : null;
    }, 2000, 'stored TCP check');
    expect(check).toMatchObject({ status: 'UP', cause: null, statusCode: null });
    expect(check.timings.connectMs).toBeGreaterThanOrEqual(0);
    expect(check.timings).toMatchObject({ dnsMs: null, tlsMs: null, ttfbMs: null });

    const port = await closedPort();
    const closed = (await e.api.post('/api/monitors', { name: 'tcp closed', type: 'tcp', host: '127.0.0.1', port, intervalSeconds: 1, timeoutSeconds: 1, retries: 0 })).body.monitor;
    const down = await waitForStatus(e.api, closed.id, 'DOWN', 3000);
    expect(down).toMatchObject({ lastCause: 'connection_refused', lastError: 'Connection refused' });
    const [incident] = await incidentsOf(e.api, closed.id);
    expect(incident).toMatchObject({ cause: 'connection_refused', firstError: 'Connection refused' });
    await e.sendgrid.waitFor(() => e.subjects().includes(`[DOWN] tcp closed (127.0.0.1:${port})`), 5000);
    for (const m of [open, closed]) await e.api.delete(`/api/monitors/${m.id}`);
  });

  it('requires host and port', async () => {
    const res = await e.api.post('/api/monitors', { name: 'tcp', type: 'tcp', active: false });
    expect(res.status).toBe(400);
    const paths = res.body.error.issues.map((i: { path: string[] }) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['host', 'port']));
  });
});

describe('outbound safety at create time', () => {
  const issuePaths = (body: any) => body.error.issues.map((i: { path: string[] }) => i.path.join('.'));

  it('metadata addresses are refused even without BLOCK_PRIVATE_TARGETS', async () => {
    for (const url of ['http://169.254.169.254/', 'http://169.254.169.254/latest/meta-data/', 'http://[fd00:ec2::254]/', 'http://100.100.100.200/', 'http://169.254.1.1/']) {
      const res = await e.api.post('/api/monitors', { name: 'metadata', url, active: false });
      expect(res.status, url).toBe(400);
      expect(issuePaths(res.body)).toEqual(['url']);
      expect(res.body.error.issues[0].message).toMatch(/metadata|link-local/);
    }
    const tcp = await e.api.post('/api/monitors', { name: 'metadata', type: 'tcp', host: '169.254.169.254', port: 80, active: false });
    expect(tcp.status).toBe(400);
    expect(issuePaths(tcp.body)).toEqual(['host']);
    // An update to such a URL is refused too.
    const ok = (await e.api.post('/api/monitors', { name: 'loopback', url: 'http://127.0.0.1:9/', active: false })).body.monitor;
    expect((await e.api.patch(`/api/monitors/${ok.id}`, { url: 'http://169.254.169.254/' })).status).toBe(400);
    expect((await monitorOf(e.api, ok.id)).url).toBe('http://127.0.0.1:9/');
    expect((await e.api.get('/api/monitors')).body.monitors.map((m: { url: string }) => m.url)).not.toContain('http://169.254.169.254/');
  });

  it('with BLOCK_PRIVATE_TARGETS=true, loopback, localhost and private literals are refused', async () => {
    for (const url of ['http://127.0.0.1/', `http://127.0.0.1:${tcpTarget.port}/`, 'http://localhost/', 'http://LOCALHOST:3000/x', 'http://app.localhost/', 'http://[::1]/', 'http://10.1.2.3/', 'http://192.168.0.1/', 'http://100.64.0.1/', 'http://[fd12::1]/']) {
      const res = await strict.api.post('/api/monitors', { name: 'private', url, active: false });
      expect(res.status, url).toBe(400);
      expect(issuePaths(res.body)).toEqual(['url']);
    }
    for (const host of ['127.0.0.1', 'localhost', '10.0.0.1']) {
      const res = await strict.api.post('/api/monitors', { name: 'private tcp', type: 'tcp', host, port: tcpTarget.port, active: false });
      expect(res.status, host).toBe(400);
      expect(issuePaths(res.body)).toEqual(['host']);
    }
    expect((await strict.api.get('/api/monitors')).body.monitors).toHaveLength(0);
    // A public name is accepted (its addresses are judged at check time); kept inactive, never checked.
    const pub = await strict.api.post('/api/monitors', { name: 'public', url: 'https://example.com/', active: false });
    expect(pub.status).toBe(201);
  });
});
