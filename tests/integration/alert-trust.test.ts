// Alerts people can trust (issue 14), through the running server with real loopback targets
// that the tests stop and start, and a fake webhook receiver: the recovery message gives the
// real outage length, successThreshold ignores a flapping target, a dead probe network raises
// nothing and alerts normally once it is back, a parent and its children going down raise one
// alert, and a slow TLS handshake makes a monitor DEGRADED and back. The cases run side by side
// (separate users, monitors and webhook paths) so the file stays short; alert grouping is off
// (window 0, the test apps' default) so each alert arrives at once.
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { Api, waitFor } from '../support/api';
import { startFakeProviders, type FakeProviders, type RecordedRequest } from '../support/fake-providers';
import { startRestartable, type RestartableServer } from '../support/restartable-server';
import { startSlowTlsServer, type SlowTlsServer } from '../support/slow-tls-server';
import { checksOf, incidentsOf, makeShortLivedCert, monitorOf, sleep } from './engine-helpers';

let app: AppServer;
/** An app whose connectivity canary is `canary`. */
let guarded: AppServer;
let hooks: FakeProviders;
let canary: RestartableServer;
const servers: Array<{ stop?: () => Promise<void>; close?: () => Promise<void> }> = [];

/** A target answering 200 on every path while up; stopped, its connections are refused. */
async function target(): Promise<RestartableServer> {
  const t = await startRestartable(() =>
    http.createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    }),
  );
  servers.push(t);
  return t;
}

beforeAll(async () => {
  [hooks, canary] = await Promise.all([startFakeProviders(), startRestartable(() => net.createServer((s) => s.destroy()))]);
  [app, guarded] = await Promise.all([startApp(), startApp({ env: { CONNECTIVITY_CANARIES: `127.0.0.1:${canary.port}` } })]);
});
afterAll(async () => {
  await Promise.all([app?.dispose(), guarded?.dispose()]);
  await Promise.all([hooks?.close(), canary?.stop(), ...servers.map((s) => (s.close ? s.close() : s.stop?.()))]);
});

/** A signed-up user whose monitors alert a webhook at `/hook/<name>` on the fake receiver. */
async function user(on: AppServer, name: string) {
  const api = new Api(on.url);
  await api.signup();
  const res = await api.post('/api/channels', { kind: 'webhook', name: `hook ${name}`, settings: { url: `${hooks.url}/hook/${name}` } });
  if (res.status !== 201) throw new Error(`channel: ${res.status} ${JSON.stringify(res.body)}`);
  const channelId: string = res.body.channel.id;
  const path = `/hook/${name}`;
  /** Webhook payloads received for this user, in arrival order; `monitorId` narrows them to one monitor. */
  const alerts = (monitorId?: string) =>
    hooks.requests.filter((r) => r.path === path && (!monitorId || r.json?.monitor?.id === monitorId)).map((r: RecordedRequest) => r.json);
  const kinds = (monitorId?: string) => alerts(monitorId).map((a) => a.kind as string);
  const monitor = async (fields: Record<string, unknown>) => {
    const r = await api.post('/api/monitors', { intervalSeconds: 1, retryIntervalSeconds: 1, retries: 0, channelIds: [channelId], ...fields });
    if (r.status !== 201) throw new Error(`monitor: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.monitor as { id: string; name: string };
  };
  const waitAlerts = (pred: (received: any[]) => boolean, timeoutMs: number, what: string) =>
    waitFor(async () => pred(alerts()), timeoutMs, what);
  return { api, channelId, alerts, kinds, monitor, waitAlerts };
}

const statusOf = async (api: Api, id: string): Promise<string> => (await monitorOf(api, id)).status;
const waitStatus = (api: Api, id: string, status: string, timeoutMs = 8000) =>
  waitFor(async () => (await statusOf(api, id)) === status, timeoutMs, `monitor ${id} ${status}`);

/** The monitor's checks (newest first) once `pred` holds: results are written in batches, so they may trail an alert. */
const checksWhen = (api: Api, id: string, pred: (checks: any[]) => boolean, what: string) =>
  waitFor(async () => {
    const checks = await checksOf(api, id);
    return pred(checks) ? checks : null;
  }, 5000, what);

/** No alert arrives for `ms`: the bounded wait that proves absence. */
async function quietFor(received: () => unknown[], ms: number): Promise<void> {
  const before = received().length;
  await sleep(ms);
  expect(received().length).toBe(before);
}

describe.concurrent('alerts people can trust', () => {
  it('dates the outage from the first failed check: the recovery message gives the real downtime (retries 2)', async () => {
    const u = await user(app, 'downtime');
    const t = await target();
    const m = await u.monitor({ name: 'Real outage', url: t.url, retries: 2 });
    await waitStatus(u.api, m.id, 'UP');

    const t0 = Date.now();
    await t.stop();
    await u.waitAlerts((a) => a.some((x) => x.kind === 'DOWN'), 10_000, 'DOWN alert');
    // The run of failures that confirmed DOWN: retries + 1 = 3 checks, the first within an interval of t0.
    const failuresOf = (l: any[]) => l.filter((c) => c.status === 'DOWN').reverse();
    const failures = failuresOf(await checksWhen(u.api, m.id, (l) => failuresOf(l).length >= 3, 'three failures stored'));
    const firstFailed = Date.parse(failures[0].checkedAt);
    expect(firstFailed).toBeGreaterThanOrEqual(t0 - 50);
    expect(firstFailed - t0).toBeLessThan(1500);
    const [incident] = await incidentsOf(u.api, m.id);
    expect(incident.kind).toBe('DOWN');
    // At the first failed check, not at the confirming one about 2 s later.
    expect(Math.abs(Date.parse(incident.startedAt) - firstFailed)).toBeLessThan(5);
    const down = u.alerts(m.id).find((a) => a.kind === 'DOWN');
    expect(Math.abs(Date.parse(down.time) - firstFailed)).toBeLessThan(5);

    await sleep(1000); // down a little past the alert
    const t1 = Date.now();
    await t.start();
    await u.waitAlerts((a) => a.some((x) => x.kind === 'UP'), 8000, 'UP alert');
    const up = u.alerts(m.id).find((a) => a.kind === 'UP');
    const sinceT1 = (c: any) => c.status === 'UP' && Date.parse(c.checkedAt) >= t1 - 50;
    const firstOk = (await checksWhen(u.api, m.id, (l) => l.some(sinceT1), 'the first success stored')).filter(sinceT1).at(-1);
    // Exactly first success minus first failure, and so within a check interval of the real outage.
    expect(Math.abs(up.downtimeMs - (Date.parse(firstOk.checkedAt) - firstFailed))).toBeLessThan(5);
    expect(Math.abs(up.downtimeMs - (t1 - t0))).toBeLessThan(1000 + 200); // 200 ms for timer lateness on a busy machine
    expect(up.message).toMatch(/down for/i);
    expect(u.kinds(m.id)).toEqual(['DOWN', 'UP']);
  });

  it('successThreshold 3: a flapping target raises one DOWN and no UP until it is steady; retries show as attempt n of 3', async () => {
    const u = await user(app, 'flap');
    // One target per mode: 'flap' alternates failure and success per request, starting with a failure.
    let mode: 'up' | 'flap' = 'up';
    let n = 0;
    const flapper = await startRestartable(() =>
      http.createServer((req, res) => {
        req.resume();
        const fail = mode === 'flap' && n++ % 2 === 0;
        res.writeHead(fail ? 503 : 200).end(fail ? 'failing' : 'ok');
      }),
    );
    servers.push(flapper);
    const retrying = await target();
    const a = await u.monitor({ name: 'Flapping', url: flapper.url, successThreshold: 3 });
    // Retries 5 s apart: each retrying phase lasts long enough to be seen by polling on a busy machine.
    const b = await u.monitor({ name: 'Retrying', url: retrying.url, retries: 2, retryIntervalSeconds: 5 });
    await Promise.all([waitStatus(u.api, a.id, 'UP'), waitStatus(u.api, b.id, 'UP')]);

    // b: failures not yet confirmed read as "retrying, attempt n of 3", then DOWN after the third.
    const seen = new Set<string>();
    const watchB = waitFor(
      async () => {
        const mon = await monitorOf(u.api, b.id);
        if (mon.phase) seen.add(`${mon.phase} ${mon.attempt}/${mon.of}`);
        return mon.status === 'DOWN';
      },
      20_000,
      'b DOWN',
    );
    watchB.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
    await retrying.stop();

    mode = 'flap';
    await u.waitAlerts((x) => x.some((e) => e.monitor.id === a.id && e.kind === 'DOWN'), 8000, 'flapping DOWN');
    const downAt = Date.now();
    // Flapping on: at least 6 more checks (half of them successes), and still nothing but the DOWN.
    await waitFor(async () => (await checksOf(u.api, a.id)).filter((c) => Date.parse(c.checkedAt) > downAt).length >= 6, 12_000, '6 flapping checks');
    expect(u.kinds(a.id)).toEqual(['DOWN']);
    expect(await statusOf(u.api, a.id)).toBe('DOWN');

    // Steady: UP after the third success in a row, and only once. On the way, "recovering n of 3".
    const recovering = new Set<string>();
    mode = 'up';
    await waitFor(
      async () => {
        const mon = await monitorOf(u.api, a.id);
        if (mon.phase) recovering.add(`${mon.phase} ${mon.attempt}/${mon.of}`);
        return u.kinds(a.id).includes('UP');
      },
      8000,
      'UP after 3 successes',
    );
    // Dated at the first of the three successes in a row (checks are newest first).
    const successesOf = (l: any[]) => l.slice(0, l.findIndex((c) => c.status === 'DOWN'));
    const successes = successesOf(await checksWhen(u.api, a.id, (l) => successesOf(l).length >= 3, 'three successes stored'));
    const up = u.alerts(a.id).find((e) => e.kind === 'UP');
    expect(Math.abs(Date.parse(up.time) - Date.parse(successes.at(-1).checkedAt))).toBeLessThan(5);
    expect(recovering.has('recovering 1/3') || recovering.has('recovering 2/3')).toBe(true);

    await watchB;
    expect(seen.has('retrying 1/3')).toBe(true);
    expect(seen.has('retrying 2/3')).toBe(true);
    expect(u.kinds(b.id)).toEqual(['DOWN']);
    await quietFor(() => u.alerts(a.id), 2000);
    expect(u.kinds(a.id)).toEqual(['DOWN', 'UP']);
  });

  it('raises nothing while every connectivity canary fails, and alerts normally and promptly once one answers', async () => {
    const u = await user(guarded, 'offline');
    const [t1, t2] = await Promise.all([target(), target()]);
    const fast = await u.monitor({ name: 'Fast', url: t1.url });
    // Checked every 30 s: only the re-check on recovery can alert it within seconds.
    const slow = await u.monitor({ name: 'Slow', url: t2.url, intervalSeconds: 30 });
    await Promise.all([waitStatus(u.api, fast.id, 'UP'), waitStatus(u.api, slow.id, 'UP')]);
    const health = async () => (await fetch(`${guarded.url}/api/healthz`)).json();
    expect((await health()).connectivity).toBe('online');

    // Pingboard's own network goes, and with it (as seen from here) every target.
    const cut = Date.now();
    await Promise.all([canary.stop(), t1.stop(), t2.stop()]);
    const manual = await u.api.post(`/api/monitors/${slow.id}/check`);
    expect(manual.status).toBe(200);
    expect(manual.body.check).toMatchObject({ status: 'DOWN', cause: 'probe_offline' });
    await waitFor(async () => (await checksOf(u.api, fast.id)).filter((c) => c.cause === 'probe_offline').length >= 2, 8000, 'probe_offline checks');
    const h = await health();
    expect(h.connectivity).toBe('offline');
    expect(Date.parse(h.offlineSince)).toBeGreaterThanOrEqual(cut - 50);
    const summary = await waitFor(
      async () => {
        const s = (await u.api.get('/api/monitors/summary')).body;
        return s.connectivity?.state === 'offline' ? s : null;
      },
      5000,
      'summary says offline',
    );
    expect(summary.connectivity.offlineSince).toBe(h.offlineSince);
    await quietFor(() => u.alerts(), 2500);
    expect(u.alerts()).toEqual([]);
    for (const id of [fast.id, slow.id]) {
      const mon = await monitorOf(u.api, id);
      expect(mon.status).toBe('UP');
      expect(mon.phase).toBeNull();
    }
    const failed = (await checksOf(u.api, fast.id)).filter((c) => Date.parse(c.checkedAt) >= cut);
    expect(failed.length).toBeGreaterThanOrEqual(2);
    for (const c of failed) {
      expect(c).toMatchObject({ status: 'DOWN', cause: 'probe_offline' });
      expect(c.error).toMatch(/^Pingboard cannot reach the network .*; the check saw: /);
    }
    expect(await incidentsOf(u.api, fast.id)).toEqual([]);

    // The network is back, the targets are not: each monitor alerts DOWN, the 30 s one too.
    const back = Date.now();
    await canary.start();
    await u.waitAlerts((a) => a.filter((x) => x.kind === 'DOWN').length >= 2, 6000, 'DOWN alerts after recovery');
    expect(Date.now() - back).toBeLessThan(5000);
    expect(u.alerts().map((a) => `${a.monitor.name} ${a.kind}`).sort()).toEqual(['Fast DOWN', 'Slow DOWN']);
    expect(u.alerts().every((a) => a.cause !== 'probe_offline')).toBe(true);
    await waitFor(async () => (await health()).connectivity === 'online', 3000, 'healthz online');
    await waitFor(async () => (await u.api.get('/api/monitors/summary')).body.connectivity?.state === 'online', 5000, 'summary online');
  });

  it('a parent and five children going down together raise one alert; a child still failing after the parent recovers alerts', async () => {
    const u = await user(app, 'family');
    const shared = await target(); // the parent and children 1 to 4
    const own = await target(); // child 5's own site
    const parent = await u.monitor({ name: 'Gateway', url: shared.url });
    const children = await Promise.all(
      [1, 2, 3, 4, 5].map((i) => u.monitor({ name: `Service ${i}`, url: i === 5 ? own.url : `${shared.url}svc/${i}`, parentId: parent.id })),
    );
    expect((await monitorOf(u.api, children[0].id)).parentId).toBe(parent.id);
    await Promise.all([parent, ...children].map((m) => waitStatus(u.api, m.id, 'UP')));

    const cut = Date.now();
    await Promise.all([shared.stop(), own.stop()]);
    await u.waitAlerts((a) => a.length >= 1, 8000, "the parent's DOWN");
    // Every child has failed since, each failure stored as the parent's.
    const latest = async (id: string) => (await checksOf(u.api, id)).filter((c) => Date.parse(c.checkedAt) >= cut);
    await waitFor(async () => (await Promise.all(children.map((c) => latest(c.id)))).every((l) => l.length >= 2), 8000, 'two checks per child');
    await quietFor(() => u.alerts(), 2500);
    expect(u.alerts().map((a) => `${a.monitor.name} ${a.kind}`)).toEqual(['Gateway DOWN']);
    for (const c of children) {
      const [last] = await latest(c.id);
      expect(last).toMatchObject({ status: 'DOWN', cause: 'parent_down' });
      expect(last.error).toMatch(/^Parent Gateway is down; the check saw: /);
      expect(await statusOf(u.api, c.id)).toBe('UP');
    }

    // The parent recovers, child 5's own site does not: only child 5 alerts (after the parent's UP).
    await shared.start();
    await u.waitAlerts((a) => a.some((x) => x.monitor.id === children[4].id), 8000, "child 5's DOWN");
    await quietFor(() => u.alerts(), 2500);
    expect(u.alerts().map((a) => `${a.monitor.name} ${a.kind}`).sort()).toEqual(['Gateway DOWN', 'Gateway UP', 'Service 5 DOWN']);
    expect(u.alerts(children[4].id)[0].cause).not.toBe('parent_down');
    expect(await statusOf(u.api, children[4].id)).toBe('DOWN');
    for (const c of children.slice(0, 4)) expect(await statusOf(u.api, c.id)).toBe('UP');
  });

  it('DEGRADED: a slow TLS handshake alerts once, naming it, and a fast one again resolves it; uptime counts the slow checks as up', async () => {
    const u = await user(app, 'slow-tls');
    const tls: SlowTlsServer = await startSlowTlsServer(makeShortLivedCert(30, 'slow tls'), 600);
    servers.push(tls);
    // A timeout well past the 600 ms handshake (so a 2 s interval): on a busy machine a 1 s one made the first alert a DOWN.
    const m = await u.monitor({ name: 'Slow TLS', url: tls.url, ignoreTlsErrors: true, intervalSeconds: 2, timeoutSeconds: 2, degraded: { tlsMs: 300, consecutive: 2 } });
    expect((await monitorOf(u.api, m.id)).degraded).toEqual({ tlsMs: 300, consecutive: 2 });

    await u.waitAlerts((a) => a.some((x) => x.kind === 'DEGRADED'), 10_000, 'DEGRADED alert');
    const degraded = u.alerts(m.id)[0];
    expect(degraded).toMatchObject({ kind: 'DEGRADED', cause: 'degraded', status: 'degraded' });
    expect(degraded.error).toMatch(/^TLS handshake \d+ ms > 300 ms for 2 checks$/);
    expect(degraded.message).toContain('TLS handshake');
    const mon = await monitorOf(u.api, m.id);
    expect(mon.status).toBe('DEGRADED');
    expect(mon.degradedReason).toMatch(/^TLS handshake \d+ ms > 300 ms for 2 checks$/);
    const slowOf = (l: any[]) => l.filter((c) => c.timings.tlsMs > 300);
    const slowChecks = slowOf(await checksWhen(u.api, m.id, (l) => slowOf(l).length >= 2, 'two slow checks stored'));
    expect(slowChecks.every((c) => c.status === 'UP')).toBe(true);

    tls.setDelay(0);
    await u.waitAlerts((a) => a.some((x) => x.kind === 'DEGRADED_RESOLVED'), 8000, 'DEGRADED_RESOLVED alert');
    expect(await statusOf(u.api, m.id)).toBe('UP');
    expect(u.kinds(m.id)).toEqual(['DEGRADED', 'DEGRADED_RESOLVED']);
    const [incident] = await incidentsOf(u.api, m.id);
    expect(incident).toMatchObject({ kind: 'DEGRADED' });
    expect(incident.endedAt).not.toBeNull();
    const uptime = await waitFor(
      async () => {
        const r = (await u.api.get(`/api/monitors/${m.id}/uptime?hours=1`)).body;
        return r.totalChecks >= 4 ? r : null;
      },
      5000,
      'four checks counted',
    );
    expect(uptime.upChecks).toBe(uptime.totalChecks);
  });

  it('a parent must be one of your monitors, not the monitor itself, and never form a cycle', async () => {
    const u = await user(app, 'parents');
    const other = await user(app, 'parents-other');
    const t = await target();
    const a = await u.monitor({ name: 'A', url: t.url, intervalSeconds: 60 });
    const foreign = await other.monitor({ name: 'Theirs', url: t.url, intervalSeconds: 60 });
    const namesParentId = (res: { status: number; body: any }) => {
      expect(res.status).toBe(400);
      expect(res.body.error.issues.map((i: { path: string[] }) => i.path.join('.'))).toContain('parentId');
    };
    namesParentId(await u.api.post('/api/monitors', { name: 'B', url: t.url, intervalSeconds: 60, parentId: foreign.id }));
    namesParentId(await u.api.patch(`/api/monitors/${a.id}`, { parentId: foreign.id }));
    namesParentId(await u.api.patch(`/api/monitors/${a.id}`, { parentId: a.id }));
    const b = await u.monitor({ name: 'B', url: t.url, intervalSeconds: 60, parentId: a.id });
    namesParentId(await u.api.patch(`/api/monitors/${a.id}`, { parentId: b.id }));
    expect((await monitorOf(u.api, a.id)).parentId).toBeNull();
    expect((await monitorOf(u.api, b.id)).parentId).toBe(a.id);
  });
});
