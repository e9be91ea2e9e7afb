// Outbound safety through the real server, with loopback targets only: secret headers stay with
// their origin on a redirect, a target the outbound policy refuses is BLOCKED (no incident, no
// alert, its reason shown, never the address a host name resolved to), and IPv6 forms that
// embed an IPv4 address are judged by that address.
//
// A monitor whose saved target the policy refuses cannot be created (400), so the blocked
// monitors are made with BLOCK_PRIVATE_TARGETS off and the server is then restarted on the same
// data directory with it on: `localhost` resolves (through /etc/hosts) to loopback, refused then.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { Api, waitFor } from '../support/api';
import { startFakeProviders, type FakeProviders } from '../support/fake-providers';
import { queryDb } from '../support/app-db';
import { alertsOf, checksOf, incidentsOf, monitorOf, startRecordingTarget, type SeenRequest } from './engine-helpers';
import { loginCookie, raw } from './security-support';
import type { TestServer } from '../checker/helpers';

type Target = TestServer & { seen: SeenRequest[] };

let app: AppServer;
let api: Api;
let user: { email: string; password: string };
let a: Target;
let b: Target;
let fake: FakeProviders;
let hookId: string;
/** Made before the restart, checked after it. */
const ids = { up: '', down: '', tcp: '' };

const STRICT = { BLOCK_PRIVATE_TARGETS: 'true' };
const ADDRESSES = ['127.0.0.1', '::1'];

beforeAll(async () => {
  [a, b, fake] = await Promise.all([startRecordingTarget(), startRecordingTarget(), startFakeProviders()]);
  app = await startApp({ env: { BLOCK_PRIVATE_TARGETS: 'false' } });
  api = new Api(app.url);
  user = await api.signup();
  const hook = await api.post('/api/channels', { kind: 'webhook', name: 'hook', settings: { url: `${fake.url}/hook` } });
  expect(hook.status, JSON.stringify(hook.body)).toBe(201);
  hookId = hook.body.channel.id;
});
afterAll(async () => {
  await Promise.all([app?.dispose(), a?.close(), b?.close(), fake?.close()]);
});

/** One check every hour, so the checks below are the ones the test asks for (and one at start-up). */
async function create(fields: Record<string, unknown>) {
  const res = await api.post('/api/monitors', { name: 'outbound', intervalSeconds: 3600, timeoutSeconds: 5, retries: 0, channelIds: [hookId], ...fields });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.monitor;
}

async function checkNow(id: string) {
  const res = await api.post(`/api/monitors/${id}/check`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.check;
}

function urlIssue(res: { status: number; body: any }): string {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  const issue = res.body.error.issues.find((i: { path: string[] }) => i.path.join('.') === 'url');
  expect(issue, JSON.stringify(res.body)).toBeDefined();
  return issue.message;
}

describe('redirects (policy open)', () => {
  const headers = [
    { name: 'X-Api-Key', value: 'key-5f1c', secret: true },
    { name: 'Authorization', value: 'Bearer tok-9a2e' },
    { name: 'X-Trace', value: 'plain-header' },
  ];
  /** a redirects to b: another port on loopback, so another origin. */
  const crossOrigin = () => `${a.origin}/to?url=${encodeURIComponent(`${b.origin}/ok`)}`;

  it('drops the secret header and Authorization when a redirect changes origin, and keeps the others', async () => {
    const m = await create({ url: crossOrigin(), headers, active: false });
    const [beforeA, beforeB] = [a.seen.length, b.seen.length];
    expect(await checkNow(m.id)).toMatchObject({ status: 'UP', statusCode: 200 });
    const first = a.seen.slice(beforeA);
    const second = b.seen.slice(beforeB);
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(1);
    // The monitored origin gets everything it was configured with...
    expect(first[0].headers).toMatchObject({ 'x-api-key': 'key-5f1c', authorization: 'Bearer tok-9a2e', 'x-trace': 'plain-header' });
    // ...the origin it redirects to gets no credential.
    expect(second[0].headers['x-trace']).toBe('plain-header');
    expect(second[0].headers['x-api-key'], 'secret header sent to another origin').toBeUndefined();
    expect(second[0].headers.authorization, 'Authorization sent to another origin').toBeUndefined();
  });

  it('keeps the secret header on a redirect within the same origin', async () => {
    const m = await create({ url: `${a.origin}/to?url=${encodeURIComponent('/ok')}`, headers, active: false });
    const before = a.seen.length;
    expect(await checkNow(m.id)).toMatchObject({ status: 'UP', statusCode: 200 });
    const seen = a.seen.slice(before);
    expect(seen.map((r) => r.url)).toEqual([expect.stringMatching(/^\/to\?/), '/ok']);
    expect(seen[1].headers).toMatchObject({ 'x-api-key': 'key-5f1c', authorization: 'Bearer tok-9a2e' });
  });

  it('with followRedirects off, judges the 3xx by acceptedStatusCodes and contacts nothing else', async () => {
    const before = b.seen.length;
    const off = await create({ url: crossOrigin(), headers, followRedirects: false, active: false });
    expect(off.followRedirects).toBe(false);
    expect(await checkNow(off.id)).toMatchObject({ status: 'DOWN', statusCode: 302, cause: 'http_status', error: 'HTTP 302 Found' });
    const accepted = await create({ url: crossOrigin(), headers, followRedirects: false, acceptedStatusCodes: ['302'], active: false });
    expect(await checkNow(accepted.id)).toMatchObject({ status: 'UP', statusCode: 302 });
    expect(b.seen.length).toBe(before);
  });
});

describe('IPv6 forms that embed an IPv4 address (policy open)', () => {
  it.each([
    ['IPv4-compatible', 'http://[::169.254.169.254]/latest'],
    ['IPv4-translated', 'http://[::ffff:0:169.254.169.254]/latest'],
    ['local-use NAT64', 'http://[64:ff9b:1::169.254.169.254]/latest'],
    ['Teredo', 'http://[2001:0:4136:e378:8000:63bf:5601:5601]/latest'],
  ])('refuses the %s form of the metadata address when saved', async (_form, url) => {
    // Refused at save: the monitor never exists, so nothing is ever sent there.
    expect(urlIssue(await api.post('/api/monitors', { name: 'metadata', url, active: false }))).toMatch(/cloud metadata address$/);
  });
});

describe('blocked targets (the server restarted with BLOCK_PRIVATE_TARGETS=true)', () => {
  beforeAll(async () => {
    const up = await create({ url: `http://localhost:${a.port}/ok` });
    // Reminders every minute: a blocked check must not send one, nor overwrite the incident's error.
    const down = await create({ url: `http://localhost:${a.port}/status/503`, reminderIntervalMinutes: 1 });
    const tcp = await create({ type: 'tcp', url: null, host: 'localhost', port: a.port });
    Object.assign(ids, { up: up.id, down: down.id, tcp: tcp.id });
    // Reachable while the policy is open: UP, and one real outage with its incident and alert.
    for (const id of [ids.up, ids.tcp]) expect(await checkNow(id)).toMatchObject({ status: 'UP' });
    expect(await checkNow(ids.down)).toMatchObject({ status: 'DOWN', statusCode: 503 });
    expect(await incidentsOf(api, ids.down)).toHaveLength(1);
    expect((await alertsOf(api, ids.down)).map((x) => x.kind)).toEqual(['DOWN']);

    await app.stop();
    // The outage began ten minutes ago, so a reminder is due at the next check that counts.
    const tenMinutesEarlier = app.engine === 'sqlite' ? '"startedAt" - 600000' : `"startedAt" - interval '10 minutes'`;
    await queryDb(app, `UPDATE "Incident" SET "startedAt" = ${tenMinutesEarlier} WHERE "monitorId" = ?`, ids.down);
    app = await startApp({ dataDir: app.dataDir, env: STRICT });
    api = new Api(app.url, api.token);
    // The start-up round checks every active monitor once, within a few seconds.
    await waitFor(async () => {
      const ms = await Promise.all(Object.values(ids).map((id) => monitorOf(api, id)));
      return ms.every((m) => m.lastCause === 'blocked_target');
    }, 15_000, 'every monitor checked under the strict policy');
  });

  it('a refused target is BLOCKED, not DOWN: no incident and no alert, though a channel is attached', async () => {
    for (const id of [ids.up, ids.tcp]) {
      // A second blocked check, so retries (0 here) could not explain a missing DOWN.
      const check = await checkNow(id);
      expect(await incidentsOf(api, id)).toEqual([]);
      expect(await alertsOf(api, id)).toEqual([]);
      expect(check).toMatchObject({ status: 'BLOCKED', cause: 'blocked_target', error: 'Refused: loopback address' });
      const m = await monitorOf(api, id);
      expect(m).toMatchObject({ status: 'BLOCKED', channelIds: [hookId], lastCause: 'blocked_target', lastError: 'Refused: loopback address' });
    }
    expect((await api.get('/api/monitors')).body.monitors.filter((m: { status: string }) => m.status === 'BLOCKED')).toHaveLength(2);
  });

  it('the message names the class of address, never the address the host name resolved to', async () => {
    for (const id of Object.values(ids)) {
      const stored = [(await monitorOf(api, id)).lastError, ...(await checksOf(api, id)).filter((c) => c.cause === 'blocked_target').map((c) => c.error)];
      expect(stored.length).toBeGreaterThan(1);
      for (const message of stored) {
        expect(message).toBe('Refused: loopback address');
        for (const address of ADDRESSES) expect(message).not.toContain(address);
      }
    }
  });

  it('a monitor already DOWN stays DOWN with its incident open, and blocked checks send no reminder', async () => {
    expect(await checkNow(ids.down)).toMatchObject({ status: 'BLOCKED', cause: 'blocked_target' });
    expect(await monitorOf(api, ids.down)).toMatchObject({ status: 'DOWN', lastCause: 'blocked_target' });
    const incidents = await incidentsOf(api, ids.down);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ ongoing: true, cause: 'http_status', lastError: 'HTTP 503 Service Unavailable' });
    expect((await alertsOf(api, ids.down)).map((x) => x.kind)).toEqual(['DOWN']);
  });

  it('blocked checks count in no uptime: neither up nor down', async () => {
    const statuses: string[] = (await checksOf(api, ids.up)).map((c) => c.status);
    const up = statuses.filter((s) => s === 'UP').length;
    expect(up).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((s) => s === 'BLOCKED').length).toBeGreaterThanOrEqual(2);
    expect(up + statuses.filter((s) => s === 'BLOCKED').length).toBe(statuses.length);
    const report = (await api.get(`/api/monitors/${ids.up}/uptime?hours=24`)).body;
    expect(report).toMatchObject({ totalChecks: up, upChecks: up, uptimePercent: 100 });
  });

  it('the monitor page shows "blocked" with the reason', async () => {
    const { cookie } = await loginCookie(app, user.email, user.password);
    const page = await raw(`${app.url}/monitors/${ids.up}`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/data-status="BLOCKED"/);
    const reason = /data-testid="blocked-reason"[^>]*>([^<]*)/.exec(page.text)?.[1] ?? '';
    expect(reason).toContain('Refused: loopback address');
  });

  it('a blocked monitor can still be paused and renamed, but not pointed at another refused address', async () => {
    expect((await api.patch(`/api/monitors/${ids.up}`, { active: false, name: 'paused while blocked' })).status).toBe(200);
    const moved = await api.patch(`/api/monitors/${ids.up}`, { url: `http://127.0.0.2:${a.port}/ok` });
    expect(moved.status).toBe(400);
    expect(moved.body.error.issues[0].path).toEqual(['url']);
  });

  it.each([
    ['IPv4-compatible', '[::127.0.0.1]'],
    ['IPv4-translated', '[::ffff:0:127.0.0.1]'],
    ['local-use NAT64', '[64:ff9b:1::127.0.0.1]'],
    ['6to4', '[2002:7f00:1::1]'],
    ['Teredo', '[2001:0:4136:e378:8000:63bf:80ff:fffe]'],
  ])('refuses the %s form of a loopback address when saved', async (_form, host) => {
    const message = urlIssue(await api.post('/api/monitors', { name: 'embedded', url: `http://${host}:${a.port}/ok`, active: false }));
    expect(message).toMatch(/loopback address$/);
  });
});
