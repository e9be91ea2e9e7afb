import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import path from 'node:path';
import { startApp, type AppServer } from '../support/app-server';
import { Api, waitFor } from '../support/api';
import { startTarget, type TargetServer } from '../support/target-server';
import { startFakeProviders } from '../support/fake-providers';

let app: AppServer;
let target: TargetServer;
let api: Api;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  [app, target] = await Promise.all([startApp(), startTarget(200)]);
  api = new Api(app.url);
  await api.signup();
});
afterAll(async () => {
  await Promise.all([app?.dispose(), target?.close()]);
});

describe('faults', () => {
  it('keeps every check result through a database write lock longer than the busy timeout', async () => {
    const m = (await api.post('/api/monitors', { name: 'locked', url: target.url, intervalSeconds: 1 })).body.monitor;
    await waitFor(async () => (await api.get(`/api/monitors/${m.id}/checks`)).body.checks?.length >= 1, 5000, 'first stored check');

    // Another process holds the write lock for 7 s (far longer than the app's busy timeout).
    const db = new Database(path.join(app.dataDir, 'pingboard.db'), { timeout: 5000 });
    db.exec('BEGIN IMMEDIATE');
    await sleep(7000);
    db.exec('COMMIT');
    db.close();
    await api.patch(`/api/monitors/${m.id}`, { active: false });
    const hits = target.hits.length;

    // The server survived, and the results held back by the lock are all written afterwards.
    const stored = await waitFor(async () => {
      const checks = (await api.get(`/api/monitors/${m.id}/checks?limit=500`)).body.checks as unknown[];
      return checks.length >= hits - 1 ? checks.length : null;
    }, 15_000, 'results written after the lock');
    expect(stored).toBeGreaterThanOrEqual(hits - 1);
    expect(stored).toBeLessThanOrEqual(hits);
    expect((await new Api(app.url).get('/api/healthz')).status).toBe(200);
  });

  it('keeps checking on schedule through a long write lock, and stores and alerts the DOWN that happened meanwhile', async () => {
    const LOCK_MS = 20_000;
    const [steady, flipping, fake] = await Promise.all([startTarget(200), startTarget(200), startFakeProviders()]);
    try {
      const hook = (await api.post('/api/channels', { kind: 'webhook', name: 'lock hook', settings: { url: `${fake.url}/lock` } })).body.channel;
      const a = (await api.post('/api/monitors', { name: 'steady', url: steady.url, intervalSeconds: 1, retries: 0 })).body.monitor;
      const b = (await api.post('/api/monitors', { name: 'flips', url: flipping.url, intervalSeconds: 1, retries: 0, channelIds: [hook.id] })).body.monitor;
      await waitFor(async () => (await api.get(`/api/monitors/${b.id}`)).body.monitor.status === 'UP', 10_000, 'both UP');

      // Another process takes the write lock and holds it; the target flips while it is held.
      const db = new Database(path.join(app.dataDir, 'pingboard.db'), { timeout: 5000 });
      db.exec('BEGIN IMMEDIATE');
      const lockedAt = Date.now();
      flipping.setStatus(503);
      const healthTimes: number[] = [];
      let degraded = false;
      while (Date.now() - lockedAt < LOCK_MS) {
        const t = Date.now();
        const health = await new Api(app.url).get('/api/healthz');
        healthTimes.push(Date.now() - t);
        if (health.body.status === 'degraded') degraded = true;
        await sleep(500);
      }
      db.exec('COMMIT');
      db.close();
      const releasedAt = Date.now();

      // The steady monitor kept its one-second cadence the whole time.
      const during = steady.hits.filter((h) => h >= lockedAt && h <= releasedAt);
      const gaps = during.slice(1).map((h, i) => h - during[i]);
      expect(during.length).toBeGreaterThanOrEqual(Math.floor(LOCK_MS / 1000) - 2);
      expect(Math.max(...gaps)).toBeLessThanOrEqual(1500);
      expect(Math.max(...healthTimes), 'health check answered during the lock').toBeLessThan(1000);
      expect(degraded, 'health check said degraded while writes queued').toBe(true);

      // After the release the DOWN is stored with its incident and alerted, exactly once.
      await waitFor(async () => (await api.get(`/api/monitors/${b.id}`)).body.monitor.status === 'DOWN', 10_000, 'DOWN stored');
      const incidents = (await api.get(`/api/monitors/${b.id}/incidents`)).body.incidents;
      expect(incidents).toHaveLength(1);
      expect(new Date(incidents[0].startedAt).getTime()).toBeLessThan(releasedAt);
      await fake.waitFor((r) => r.some((x) => x.json?.kind === 'DOWN'), 10_000);
      expect(fake.requests.filter((x) => x.json?.kind === 'DOWN')).toHaveLength(1);

      // No check was lost: every hit at the steady target is a stored check.
      await api.patch(`/api/monitors/${a.id}`, { active: false });
      const hits = steady.hits.length;
      const stored = await waitFor(async () => {
        const checks = (await api.get(`/api/monitors/${a.id}/checks?limit=500`)).body.checks as unknown[];
        return checks.length >= hits - 1 ? checks.length : null;
      }, 15_000, 'every check written');
      expect(stored).toBeGreaterThanOrEqual(hits - 1);
      expect(stored).toBeLessThanOrEqual(hits);
      await api.patch(`/api/monitors/${b.id}`, { active: false });
    } finally {
      await Promise.all([steady.close(), flipping.close(), fake.close()]);
    }
  }, 90_000);

  it('survives a target that dies mid-run and records the cause', async () => {
    const dying = await startTarget(200);
    const m = (await api.post('/api/monitors', { name: 'dies', url: dying.url, intervalSeconds: 1, retries: 0 })).body.monitor;
    await waitFor(async () => (await api.get(`/api/monitors/${m.id}`)).body.monitor.status === 'UP', 5000, 'UP');
    await dying.close();
    const down = await waitFor(async () => {
      const mon = (await api.get(`/api/monitors/${m.id}`)).body.monitor;
      return mon.status === 'DOWN' ? mon : null;
    }, 5000, 'DOWN');
    expect(down.lastCause).toBe('connection_refused');
    expect(down.lastError).toMatch(/refused/i);
    await api.delete(`/api/monitors/${m.id}`);
  });
});
