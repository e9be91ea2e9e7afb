// Misbehaving servers on loopback, checked through the real API: each gives the right cause
// within its timeout plus a small margin. And certificates: expiry and issuer recorded on the
// monitor, one CERT_EXPIRING alert per certificate inside the threshold, one CERT_EXPIRED alert.
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestCerts } from '../checker/certs';
import { closedPort, startHttpsServer, startTcpServer, type TestServer } from '../checker/helpers';
import { testRoutes } from '../checker/routes';
import {
  alertsOf,
  incidentsOf,
  makeShortLivedCert,
  monitorOf,
  sleep,
  startEngineApp,
  startRecordingTarget,
  waitFor,
  waitForStatus,
  type EngineApp,
} from './engine-helpers';

const DAY_MS = 86_400_000;
let e: EngineApp;
let web: TestServer;
let silent: TestServer;
let selfSigned: TestServer;
let expired: TestServer;
let refusedPort: number;
const servers: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  const certs = makeTestCerts();
  [e, web, silent, selfSigned, expired, refusedPort] = await Promise.all([
    startEngineApp(),
    startRecordingTarget(),
    startTcpServer((socket) => socket.resume()), // accepts, never answers
    startHttpsServer({ key: certs.key, cert: certs.selfSigned }, testRoutes),
    startHttpsServer({ key: certs.key, cert: certs.expired }, testRoutes),
    closedPort(),
  ]);
  servers.push(web, silent, selfSigned, expired);
});
afterAll(async () => {
  await e?.close();
  await Promise.all(servers.map((s) => s.close()));
});

describe('misbehaving servers through the API', () => {
  const TIMEOUT_MS = 1000;
  const MARGIN_MS = 300;
  const cases: Array<[string, () => Record<string, unknown>, string, RegExp | string, boolean]> = [
    // label, monitor fields, cause, error, bounded by the timeout
    ['accepts and never answers (TCP)', () => ({ url: `http://127.0.0.1:${silent.port}/` }), 'timeout', 'Timed out after 1 s (waiting for response)', true],
    ['reads the request and never answers', () => ({ url: `${web.origin}/hang` }), 'timeout', 'Timed out after 1 s (waiting for response)', true],
    ['headers, then a byte a second', () => ({ url: `${web.origin}/drip` }), 'timeout', 'Timed out after 1 s (reading body)', true],
    ['endless body with a keyword to find', () => ({ url: `${web.origin}/endless`, keyword: 'needle' }), 'response_too_large', /larger than 1 MiB/, false],
    ['connection reset', () => ({ url: `${web.origin}/reset` }), 'connection_reset', /^Connection reset by server/, false],
    ['reset in the middle of the body', () => ({ url: `${web.origin}/reset-mid-body`, keyword: 'partial' }), 'connection_reset', /Connection/, false],
    ['connection refused', () => ({ url: `http://127.0.0.1:${refusedPort}/` }), 'connection_refused', 'Connection refused', false],
    ['redirect loop', () => ({ url: `${web.origin}/loop-a` }), 'too_many_redirects', /^Redirect loop/, false],
    ['self-signed certificate', () => ({ url: `${selfSigned.origin}/ok` }), 'tls_error', 'TLS error: self-signed certificate', false],
    ['expired certificate', () => ({ url: `${expired.origin}/ok` }), 'tls_error', 'TLS error: certificate has expired', false],
    ['TLS to a plain HTTP port', () => ({ url: `https://127.0.0.1:${web.port}/ok` }), 'tls_error', /^TLS/, false],
  ];

  it('each gives its cause within the timeout plus a small margin, all at once', async () => {
    const results = await Promise.all(
      cases.map(async ([label, fields, cause, error, bounded]) => {
        const m = (await e.api.post('/api/monitors', { name: label, intervalSeconds: 60, timeoutSeconds: TIMEOUT_MS / 1000, active: false, ...fields() })).body.monitor;
        const started = performance.now();
        const res = await e.api.post(`/api/monitors/${m.id}/check`);
        const wall = performance.now() - started;
        return { label, m, res, wall, cause, error, bounded };
      }),
    );
    for (const { label, m, res, wall, cause, error, bounded } of results) {
      expect(res.status, label).toBe(200);
      const check = res.body.check;
      expect(check, label).toMatchObject({ status: 'DOWN', cause });
      if (error instanceof RegExp) expect(check.error, label).toMatch(error);
      else expect(check.error, label).toBe(error);
      expect(check.latencyMs, label).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
      if (bounded) expect(check.latencyMs, label).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
      // The request itself: the check, then the batched write (at most 250 ms later).
      expect(wall, label).toBeLessThan(TIMEOUT_MS + 1000);
      expect((await monitorOf(e.api, m.id)).lastCause, label).toBe(cause);
    }
    // The expired certificate was rejected, yet its expiry is known.
    const exp = results.find((r) => r.label === 'expired certificate')!;
    expect(await monitorOf(e.api, exp.m.id)).toMatchObject({ certExpiresAt: '2020-02-01T00:00:00.000Z', certIssuer: 'Expired Test' });
  });

  it('ignoreTlsErrors makes the self-signed and expired servers UP', async () => {
    for (const server of [selfSigned, expired]) {
      const m = (await e.api.post('/api/monitors', { name: 'ignore tls', url: `${server.origin}/ok`, ignoreTlsErrors: true, active: false, certExpiryThresholdDays: 0 })).body.monitor;
      const check = (await e.api.post(`/api/monitors/${m.id}/check`)).body.check;
      expect(check).toMatchObject({ status: 'UP', statusCode: 200 });
      expect(check.timings.tlsMs).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('certificate expiry', () => {
  it('a certificate 5 days from expiry, threshold 14: expiry and issuer recorded, exactly one CERT_EXPIRING alert', async () => {
    const first = makeShortLivedCert(5, 'Short Lived Test CA');
    const server = https.createServer(first, testRoutes);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    servers.push({ close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) });
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/ok`;
    const name = 'Cert soon';
    const m = (await e.api.post('/api/monitors', { name, url, intervalSeconds: 1, timeoutSeconds: 1, ignoreTlsErrors: true, certExpiryThresholdDays: 14 })).body.monitor;

    await waitFor(async () => (await e.api.get(`/api/monitors/${m.id}/checks`)).body.checks.length >= 4, 8000, '4 checks');
    const mon = await monitorOf(e.api, m.id);
    expect(mon.status).toBe('UP');
    expect(mon.certIssuer).toBe('Short Lived Test CA');
    const daysLeft = (Date.parse(mon.certExpiresAt) - Date.now()) / DAY_MS;
    expect(daysLeft).toBeGreaterThan(4.9);
    expect(daysLeft).toBeLessThan(5.1);
    let alerts = await alertsOf(e.api, m.id);
    expect(alerts.map((a) => [a.kind, a.channelKind])).toEqual([['CERT_EXPIRING', 'email']]);
    const certMails = () => e.subjects().filter((s) => s === `[CERT EXPIRING] ${name} (${url})`);
    await e.sendgrid.waitFor(() => certMails().length >= 1, 5000);
    const text = e.mails().find((x) => String(x.body.subject).startsWith('[CERT EXPIRING]'))!.body.content.map((c: { value: string }) => c.value).join('\n');
    expect(text).toMatch(/expires in 4 d 2\d h/);

    // Lowering and raising the threshold for the same certificate alerts no more.
    await e.api.patch(`/api/monitors/${m.id}`, { certExpiryThresholdDays: 3 });
    await sleep(1500);
    await e.api.patch(`/api/monitors/${m.id}`, { certExpiryThresholdDays: 14 });
    await sleep(1500);
    expect((await alertsOf(e.api, m.id)).length).toBe(1);

    // A new certificate that is also inside the threshold is a new crossing: one more alert.
    server.setSecureContext(makeShortLivedCert(3, 'Renewed Test CA'));
    server.closeAllConnections();
    await waitFor(async () => (await monitorOf(e.api, m.id)).certIssuer === 'Renewed Test CA', 5000, 'renewed certificate seen');
    await sleep(2000);
    alerts = await alertsOf(e.api, m.id);
    expect(alerts.map((a) => a.kind)).toEqual(['CERT_EXPIRING', 'CERT_EXPIRING']);
    expect(certMails()).toHaveLength(2);
    await e.api.patch(`/api/monitors/${m.id}`, { active: false });
  });

  it('a 30-day certificate raises nothing at the default threshold of 14 days', async () => {
    const m = (await e.api.post('/api/monitors', { name: 'Cert fine', url: `${selfSigned.origin}/ok`, intervalSeconds: 1, timeoutSeconds: 1, ignoreTlsErrors: true })).body.monitor;
    await waitFor(async () => (await e.api.get(`/api/monitors/${m.id}/checks`)).body.checks.length >= 3, 6000, '3 checks');
    const mon = await monitorOf(e.api, m.id);
    expect(mon.certExpiryThresholdDays).toBe(14);
    expect(mon.certIssuer).toBe('Pingboard Test CA');
    expect(await alertsOf(e.api, m.id)).toEqual([]);
    await e.api.patch(`/api/monitors/${m.id}`, { active: false });
  });

  it('an expired certificate: DOWN with tls_error, one DOWN alert and exactly one CERT_EXPIRED alert, expiry recorded', async () => {
    const name = 'Cert expired';
    const url = `${expired.origin}/ok`;
    const m = (await e.api.post('/api/monitors', { name, url, intervalSeconds: 1, timeoutSeconds: 1, retries: 0 })).body.monitor;
    const down = await waitForStatus(e.api, m.id, 'DOWN', 4000);
    expect(down).toMatchObject({ lastCause: 'tls_error', lastError: 'TLS error: certificate has expired', certExpiresAt: '2020-02-01T00:00:00.000Z', certIssuer: 'Expired Test' });
    await waitFor(async () => (await e.api.get(`/api/monitors/${m.id}/checks`)).body.checks.length >= 4, 6000, '4 checks');
    await e.sendgrid.waitFor(() => e.subjects().filter((s) => s.includes(`${name} (`)).length >= 2, 5000);
    await sleep(500);
    const alerts = await alertsOf(e.api, m.id);
    expect(alerts.map((a) => a.kind).sort()).toEqual(['CERT_EXPIRED', 'DOWN']);
    expect(alerts.every((a) => a.channelKind === 'email')).toBe(true);
    expect(e.subjects().filter((s) => s.includes(`${name} (`)).sort()).toEqual([`[CERT EXPIRED] ${name} (${url})`, `[DOWN] ${name} (${url})`]);
    const [incident] = await incidentsOf(e.api, m.id);
    expect(incident).toMatchObject({ ongoing: true, cause: 'tls_error', firstError: 'TLS error: certificate has expired' });
    await e.api.patch(`/api/monitors/${m.id}`, { active: false });
  });
});
