import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import path from 'node:path';
import { startApp, type AppServer } from '../support/app-server';
import { Api, waitFor } from '../support/api';
import { startTarget, type TargetServer } from '../support/target-server';

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

    // Another process holds the write lock for 7 s (the app's busy timeout is 5 s).
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
