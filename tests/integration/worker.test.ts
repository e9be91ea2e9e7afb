import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { Api, waitFor } from '../support/api';
import { startTarget, type TargetServer } from '../support/target-server';

let app: AppServer;
let api: Api;
const targets: TargetServer[] = [];

async function target(status = 200): Promise<TargetServer> {
  const t = await startTarget(status);
  targets.push(t);
  return t;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const scheduled = async () => (await new Api(app.url).get('/api/healthz')).body.worker.scheduled as number;

beforeAll(async () => {
  app = await startApp();
  api = new Api(app.url);
  await api.signup();
});
afterAll(async () => {
  await app?.dispose();
  await Promise.all(targets.map((t) => t.close()));
});

describe('the monitor worker', () => {
  it('healthz reports the database and the timers that API-created monitors added to the one worker', async () => {
    const health = await new Api(app.url).get('/api/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', db: 'ok', worker: { running: true, scheduled: 0, pendingResults: 0, degraded: false } });

    const t = await target();
    const a = (await api.post('/api/monitors', { name: 'a', url: t.url, intervalSeconds: 60 })).body.monitor;
    const b = (await api.post('/api/monitors', { name: 'b', url: t.url, intervalSeconds: 60 })).body.monitor;
    const paused = (await api.post('/api/monitors', { name: 'p', url: t.url, active: false })).body.monitor;
    expect(await scheduled()).toBe(2);

    await api.patch(`/api/monitors/${paused.id}`, { active: true });
    expect(await scheduled()).toBe(3);
    await api.patch(`/api/monitors/${a.id}`, { active: false });
    expect(await scheduled()).toBe(2);
    // Updating an unchanged schedule must not add a second timer.
    await api.patch(`/api/monitors/${b.id}`, { name: 'b renamed' });
    await api.patch(`/api/monitors/${b.id}`, { intervalSeconds: 120 });
    expect(await scheduled()).toBe(2);
    for (const m of [a, b, paused]) await api.delete(`/api/monitors/${m.id}`);
    expect(await scheduled()).toBe(0);
  });

  it('checks a 1-second monitor about once a second, and stops the moment it is paused or deleted', async () => {
    const t = await target();
    const m = (await api.post('/api/monitors', { name: 'fast', url: t.url, intervalSeconds: 1 })).body.monitor;
    // First check within about a second of creation.
    await waitFor(async () => t.hits.length >= 1, 1500, 'first check');
    const start = t.hits.length;
    await sleep(5000);
    const inFive = t.hits.length - start;
    expect(inFive).toBeGreaterThanOrEqual(4);
    expect(inFive).toBeLessThanOrEqual(6);

    // Updating the monitor several times must never leave two timers behind.
    await api.patch(`/api/monitors/${m.id}`, { name: 'fast 2' });
    await api.patch(`/api/monitors/${m.id}`, { timeoutSeconds: 1, method: 'GET' });
    const s2 = t.hits.length;
    await sleep(3000);
    expect(t.hits.length - s2).toBeLessThanOrEqual(4);

    await api.patch(`/api/monitors/${m.id}`, { active: false });
    await sleep(300);
    const pausedAt = t.hits.length;
    await sleep(2500);
    expect(t.hits.length).toBe(pausedAt);

    await api.patch(`/api/monitors/${m.id}`, { active: true });
    await waitFor(async () => t.hits.length > pausedAt, 2000, 'resumed check');
    await api.delete(`/api/monitors/${m.id}`);
    await sleep(300);
    const deletedAt = t.hits.length;
    await sleep(2500);
    expect(t.hits.length).toBe(deletedAt);
  });

  it('applies an interval change to the schedule', async () => {
    const t = await target();
    const m = (await api.post('/api/monitors', { name: 'slowing', url: t.url, intervalSeconds: 3 })).body.monitor;
    await waitFor(async () => t.hits.length >= 1, 2000, 'first check');
    await api.patch(`/api/monitors/${m.id}`, { intervalSeconds: 1 });
    await sleep(500);
    const start = t.hits.length;
    await sleep(4000);
    expect(t.hits.length - start).toBeGreaterThanOrEqual(3);
    await api.patch(`/api/monitors/${m.id}`, { intervalSeconds: 10 });
    await sleep(500);
    const slow = t.hits.length;
    await sleep(3000);
    expect(t.hits.length - slow).toBeLessThanOrEqual(1);
    await api.delete(`/api/monitors/${m.id}`);
  });

  it('never runs two checks of one monitor at once: a hanging target is skipped, not stacked', async () => {
    const t = await target();
    const hang = await import('node:http').then(
      ({ createServer }) =>
        new Promise<{ url: string; open: () => number; close: () => void }>((resolve) => {
          let open = 0;
          const srv = createServer((req) => {
            open++;
            req.on('close', () => open--);
          });
          srv.listen(0, '127.0.0.1', () => {
            const port = (srv.address() as { port: number }).port;
            resolve({ url: `http://127.0.0.1:${port}/`, open: () => open, close: () => { srv.closeAllConnections(); srv.close(); } });
          });
        }),
    );
    const slow = (await api.post('/api/monitors', { name: 'hang', url: hang.url, intervalSeconds: 1, timeoutSeconds: 1, retries: 0 })).body.monitor;
    const fast = (await api.post('/api/monitors', { name: 'fine', url: t.url, intervalSeconds: 1 })).body.monitor;
    let maxOpen = 0;
    const startHits = t.hits.length;
    for (let i = 0; i < 20; i++) {
      maxOpen = Math.max(maxOpen, hang.open());
      await sleep(200);
    }
    expect(maxOpen).toBeLessThanOrEqual(1);
    // The healthy monitor kept its one-second schedule meanwhile.
    expect(t.hits.length - startHits).toBeGreaterThanOrEqual(3);
    const hung = (await api.get(`/api/monitors/${slow.id}`)).body.monitor;
    expect(hung.status).toBe('DOWN');
    expect(hung.lastError).toMatch(/time/i);
    await api.delete(`/api/monitors/${slow.id}`);
    await api.delete(`/api/monitors/${fast.id}`);
    hang.close();
  });
});
