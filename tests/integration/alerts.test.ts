import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { Api, waitFor } from '../support/api';
import { startTarget, type TargetServer } from '../support/target-server';
import { startFakeSendgrid } from '../support/fake-sendgrid';
import { countRows } from '../support/app-db';

type Fake = Awaited<ReturnType<typeof startFakeSendgrid>>;

let sendgrid: Fake;
let target: TargetServer;
const apps: AppServer[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function env(extra: Record<string, string> = {}) {
  return { SENDGRID_API_KEY: 'SG.test-key', SENDGRID_API_BASE_URL: sendgrid.url, ALERT_EMAIL_FROM: 'alerts@pingboard.test', ALERT_RETRY_BASE_MS: '50', ...extra };
}

async function app(extra: Record<string, string> = {}, dataDir?: string): Promise<AppServer> {
  const a = await startApp({ env: env(extra), dataDir });
  apps.push(a);
  return a;
}

const mailsTo = (email: string) =>
  sendgrid.received.filter((m) => m.body?.personalizations?.[0]?.to?.[0]?.email === email);
const subjects = (email: string) => mailsTo(email).map((m) => m.body.subject as string);

beforeAll(async () => {
  [sendgrid, target] = await Promise.all([startFakeSendgrid(), startTarget(200)]);
});
afterAll(async () => {
  for (const a of apps) await a.dispose();
  await Promise.all([sendgrid?.close(), target?.close()]);
});

/** Waits until `n` more checks of the monitor are stored than now: time passing, measured by the worker. */
async function afterChecks(api: Api, id: string, n: number) {
  const count = async () => (await api.get(`/api/monitors/${id}/checks?limit=500`)).body.checks.length as number;
  const start = await count();
  await waitFor(async () => (await count()) >= start + n, 15_000, `${n} more checks`);
}

describe('DOWN and UP alerts', () => {
  it('sends exactly one DOWN email and one UP email, to the owner, and none again after a restart', async () => {
    const first = await app();
    const api = new Api(first.url);
    const { email } = await api.signup(`owner-${Date.now()}@example.com`);
    const m = (await api.post('/api/monitors', { name: 'Shop API', url: target.url, intervalSeconds: 1 })).body.monitor;
    // The signup gave the owner an email channel to their own address, and the monitor took it.
    expect(m.channelIds).toHaveLength(1);
    expect(m.hasWorkingChannel).toBe(true);
    await waitFor(async () => (await api.get(`/api/monitors/${m.id}`)).body.monitor.status === 'UP', 5000, 'UP');
    expect(mailsTo(email)).toHaveLength(0); // PENDING -> UP sends nothing

    target.setStatus(503);
    await waitFor(async () => mailsTo(email).length >= 1, 8000, 'DOWN email');
    const down = mailsTo(email)[0];
    expect(down.auth).toBe('Bearer SG.test-key');
    expect(down.body.subject).toBe(`[DOWN] Shop API (${target.url})`);
    expect(down.body.from.email).toBe('alerts@pingboard.test');
    const downText = down.body.content.map((c: { value: string }) => c.value).join('\n');
    expect(downText).toMatch(/503/);
    expect(downText).toContain(`/monitors/${m.id}`);
    const mon = (await api.get(`/api/monitors/${m.id}`)).body.monitor;
    expect(mon.status).toBe('DOWN');
    expect(mon.lastStatusCode).toBe(503);

    // Still down for a few more checks: no second DOWN email.
    await afterChecks(api, m.id, 3);
    expect(subjects(email)).toEqual([`[DOWN] Shop API (${target.url})`]);

    // Restart while DOWN: the stored status is resumed and nothing is re-sent.
    await first.stop();
    const second = await app({}, first.dataDir);
    const api2 = new Api(second.url, api.token);
    await afterChecks(api2, m.id, 3);
    expect(subjects(email)).toHaveLength(1);
    expect((await api2.get(`/api/monitors/${m.id}`)).body.monitor.status).toBe('DOWN');

    target.setStatus(200);
    await waitFor(async () => mailsTo(email).length >= 2, 8000, 'UP email');
    const up = mailsTo(email)[1];
    expect(up.body.subject).toBe(`[UP] Shop API (${target.url})`);
    expect(up.body.content.map((c: { value: string }) => c.value).join('\n')).toMatch(/down for/i);
    await afterChecks(api2, m.id, 2);
    expect(subjects(email)).toEqual([`[DOWN] Shop API (${target.url})`, `[UP] Shop API (${target.url})`]);

    const alerts = (await api2.get(`/api/monitors/${m.id}/alerts`)).body.alerts;
    expect(alerts.map((a: { kind: string; state: string; channelKind: string; attempts: number }) => [a.kind, a.state, a.channelKind, a.attempts])).toEqual([
      ['UP', 'delivered', 'email', 1],
      ['DOWN', 'delivered', 'email', 1],
    ]);
    expect(down.body.headers['Message-ID']).toBe(`<${alerts[1].eventId}@pingboard>`);
    const incidents = (await api2.get(`/api/monitors/${m.id}/incidents`)).body.incidents;
    expect(incidents).toHaveLength(1);
    expect(incidents[0].endedAt).not.toBeNull();
    await api2.delete(`/api/monitors/${m.id}`);
    await second.stop();
  });

  it('retries a failing send with backoff until it is delivered once, and keeps checking meanwhile', async () => {
    const a = await app();
    const api = new Api(a.url);
    const { email } = await api.signup(`retry-${Date.now()}@example.com`);
    const failing = await startTarget(500);
    sendgrid.setFailures(3, 500);
    try {
      const m = (await api.post('/api/monitors', { name: 'Broken', url: failing.url, intervalSeconds: 1, retries: 0 })).body.monitor;
      const [alert] = await waitFor(async () => {
        const list = (await api.get(`/api/monitors/${m.id}/alerts`)).body.alerts;
        return list.length > 0 && list[0].state === 'delivered' ? list : null;
      }, 15_000, 'delivered alert');
      expect(alert).toMatchObject({ kind: 'DOWN', channelKind: 'email', state: 'delivered', attempts: 4 });
      expect(mailsTo(email)).toHaveLength(4); // three answered 500, the fourth accepted
      expect(new Set(mailsTo(email).map((x) => x.body.headers['Message-ID'])).size).toBe(1);
      const hits = failing.hits.length;
      await waitFor(async () => failing.hits.length > hits + 1, 5000, 'checks go on');
      await api.delete(`/api/monitors/${m.id}`);
    } finally {
      sendgrid.setFailures(0);
      await failing.close();
    }
  });

  it('without any email transport: no email channel, no deliveries, and no working channel', async () => {
    const a = await app({ SENDGRID_API_KEY: '' });
    const api = new Api(a.url);
    const { email } = await api.signup(`nokey-${Date.now()}@example.com`);
    expect((await api.get('/api/channels')).body.channels).toEqual([]);
    const failing = await startTarget(503);
    try {
      const m = (await api.post('/api/monitors', { name: 'No key', url: failing.url, intervalSeconds: 1, retries: 0 })).body.monitor;
      expect(m).toMatchObject({ channelIds: [], hasWorkingChannel: false });
      await waitFor(async () => (await api.get(`/api/monitors/${m.id}`)).body.monitor.status === 'DOWN', 8000, 'DOWN');
      // Deliveries are written with the status change: none exist, none will.
      expect((await api.get(`/api/monitors/${m.id}/alerts`)).body.alerts).toEqual([]);

      // An email channel can be made, but says it cannot deliver here.
      const c = (await api.post('/api/channels', { kind: 'email', name: 'Me', settings: { address: email } })).body.channel;
      expect(c.status).toBe('unavailable');
      const patched = (await api.patch(`/api/monitors/${m.id}`, { channelIds: [c.id] })).body.monitor;
      expect(patched).toMatchObject({ channelIds: [c.id], hasWorkingChannel: false });
      expect((await api.post(`/api/channels/${c.id}/test`)).body.ok).toBe(false);
      expect(mailsTo(email)).toHaveLength(0);
    } finally {
      await failing.close();
    }
  });

  it('flushes pending results on SIGTERM', async () => {
    const a = await app();
    const api = new Api(a.url);
    await api.signup();
    const m = (await api.post('/api/monitors', { name: 'Flush', url: target.url, intervalSeconds: 1 })).body.monitor;
    await sleep(2300);
    const before = (await api.get(`/api/monitors/${m.id}/checks?limit=500`)).body.checks.length;
    const hitsAtStop = target.hits.length;
    expect(await a.stop('SIGTERM')).toBe(0);
    const stored = await countRows(a, 'SELECT COUNT(*) AS n FROM "Check" WHERE "monitorId" = ?', m.id);
    expect(stored).toBeGreaterThanOrEqual(before);
    // Every check the target answered before the stop is stored.
    expect(stored).toBeGreaterThanOrEqual(Math.min(hitsAtStop, before + 1) - 1);
  });
});
