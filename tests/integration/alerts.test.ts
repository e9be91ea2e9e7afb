import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import path from 'node:path';
import { startApp, type AppServer } from '../support/app-server';
import { Api, waitFor } from '../support/api';
import { startTarget, type TargetServer } from '../support/target-server';
import { startFakeSendgrid } from '../support/fake-sendgrid';

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

describe('DOWN and UP alerts', () => {
  it('sends exactly one DOWN email and one UP email, to the owner, and none again after a restart', async () => {
    const first = await app();
    const api = new Api(first.url);
    const { email } = await api.signup(`owner-${Date.now()}@example.com`);
    const m = (await api.post('/api/monitors', { name: 'Shop API', url: target.url, intervalSeconds: 1 })).body.monitor;
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

    // Still down for a while: no second DOWN email.
    await sleep(2500);
    expect(subjects(email)).toEqual([`[DOWN] Shop API (${target.url})`]);

    // Restart while DOWN: the stored status is resumed and nothing is re-sent.
    await first.stop();
    const second = await app({}, first.dataDir);
    const api2 = new Api(second.url, api.token);
    await sleep(3000);
    expect(subjects(email)).toHaveLength(1);
    expect((await api2.get(`/api/monitors/${m.id}`)).body.monitor.status).toBe('DOWN');

    target.setStatus(200);
    await waitFor(async () => mailsTo(email).length >= 2, 8000, 'UP email');
    const up = mailsTo(email)[1];
    expect(up.body.subject).toBe(`[UP] Shop API (${target.url})`);
    expect(up.body.content.map((c: { value: string }) => c.value).join('\n')).toMatch(/down for/i);
    await sleep(2000);
    expect(subjects(email)).toEqual([`[DOWN] Shop API (${target.url})`, `[UP] Shop API (${target.url})`]);

    const alerts = (await api2.get(`/api/monitors/${m.id}/alerts`)).body.alerts;
    expect(alerts.map((a: { kind: string; outcome: string; recipient: string }) => [a.kind, a.outcome, a.recipient])).toEqual([
      ['UP', 'sent', email],
      ['DOWN', 'sent', email],
    ]);
    const incidents = (await api2.get(`/api/monitors/${m.id}/incidents`)).body.incidents;
    expect(incidents).toHaveLength(1);
    expect(incidents[0].endedAt).not.toBeNull();
    await api2.delete(`/api/monitors/${m.id}`);
    await second.stop();
  });

  it('retries a failing send 3 times, stores it as failed, and keeps checking', async () => {
    const a = await app();
    const api = new Api(a.url);
    const { email } = await api.signup(`retry-${Date.now()}@example.com`);
    const failing = await startTarget(500);
    sendgrid.setFailures(100, 500);
    try {
      const m = (await api.post('/api/monitors', { name: 'Broken', url: failing.url, intervalSeconds: 1 })).body.monitor;
      const alerts = await waitFor(async () => {
        const list = (await api.get(`/api/monitors/${m.id}/alerts`)).body.alerts;
        return list.length > 0 ? list : null;
      }, 10_000, 'failed alert');
      expect(alerts[0]).toMatchObject({ kind: 'DOWN', outcome: 'failed', recipient: email });
      expect(alerts[0].error).toMatch(/500/);
      expect(mailsTo(email)).toHaveLength(4);
      const hits = failing.hits.length;
      await sleep(1500);
      expect(failing.hits.length).toBeGreaterThan(hits);
      await api.delete(`/api/monitors/${m.id}`);
    } finally {
      sendgrid.setFailures(0);
      await failing.close();
    }
  });

  it('without an API key logs the alert and stores it as skipped', async () => {
    const a = await app({ SENDGRID_API_KEY: '' });
    const api = new Api(a.url);
    const { email } = await api.signup(`nokey-${Date.now()}@example.com`);
    const failing = await startTarget(503);
    try {
      const m = (await api.post('/api/monitors', { name: 'No key', url: failing.url, intervalSeconds: 1 })).body.monitor;
      const alerts = await waitFor(async () => {
        const list = (await api.get(`/api/monitors/${m.id}/alerts`)).body.alerts;
        return list.length > 0 ? list : null;
      }, 8000, 'skipped alert');
      expect(alerts[0]).toMatchObject({ kind: 'DOWN', outcome: 'skipped', recipient: email });
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
    const db = new Database(path.join(a.dataDir, 'pingboard.db'), { readonly: true });
    const stored = (db.prepare('SELECT COUNT(*) AS n FROM "Check" WHERE "monitorId" = ?').get(m.id) as { n: number }).n;
    db.close();
    expect(stored).toBeGreaterThanOrEqual(before);
    // Every check the target answered before the stop is stored.
    expect(stored).toBeGreaterThanOrEqual(Math.min(hitsAtStop, before + 1) - 1);
  });
});
