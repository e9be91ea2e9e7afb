import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { Api, waitFor } from '../support/api';
import { startTarget, type TargetServer } from '../support/target-server';

// No one can turn Pingboard against a site: each user's active monitors together make at most
// MAX_CHECKS_PER_SECOND_PER_USER checks a second (enforced when saving), and all monitors of
// all users together send at most MAX_CHECKS_PER_SECOND_PER_HOST a second to one host
// (enforced when scheduling: the rest wait their turn).

let app: AppServer;
let target: TargetServer;
let api: Api;

beforeAll(async () => {
  [app, target] = await Promise.all([
    startApp({ env: { MAX_CHECKS_PER_SECOND_PER_USER: '2', MAX_CHECKS_PER_SECOND_PER_HOST: '2' } }),
    startTarget(200),
  ]);
  api = new Api(app.url);
  await api.signup();
});
afterAll(async () => {
  await Promise.all([app?.dispose(), target?.close()]);
});

const monitor = (name: string, intervalSeconds: number, extra: Record<string, unknown> = {}) =>
  api.post('/api/monitors', { name, url: `${target.url}${name}`, intervalSeconds, ...extra });

describe('the per-user check budget', () => {
  it('refuses a monitor that would take the user past the budget, naming it, and changes nothing', async () => {
    expect((await monitor('a', 1, { active: false })).status).toBe(201);
    const b = await monitor('b', 1);
    const c = await monitor('c', 2);
    expect([b.status, c.status]).toEqual([201, 201]);
    const over = await monitor('d', 1);
    expect(over.status).toBe(400);
    expect(over.body.error.issues[0].path).toEqual(['intervalSeconds']);
    expect(over.body.error.issues[0].message).toMatch(/check 2\.50 times per second; the budget on this server is 2 per user/);
    expect((await api.get('/api/monitors')).body.monitors).toHaveLength(3);

    // Resuming the paused one, or shortening an interval, is held to it too; a push monitor makes no checks.
    const resume = await api.patch(`/api/monitors/${(await api.get('/api/monitors')).body.monitors[0].id}`, { active: true });
    expect(resume.status).toBe(400);
    // Exactly the budget is allowed; past it is not.
    expect((await api.patch(`/api/monitors/${c.body.monitor.id}`, { intervalSeconds: 1 })).status).toBe(200);
    expect((await monitor('e', 86_400)).status).toBe(400);
    expect((await api.post('/api/monitors', { name: 'job', type: 'heartbeat', intervalSeconds: 1 })).status).toBe(201);
    // Lengthening or pausing is always allowed.
    expect((await api.patch(`/api/monitors/${c.body.monitor.id}`, { intervalSeconds: 10, name: 'c slower' })).status).toBe(200);
    for (const m of (await api.get('/api/monitors')).body.monitors) await api.patch(`/api/monitors/${m.id}`, { active: false });
  });
});

describe('the per-host cap', () => {
  it('spaces the checks of many monitors aimed at one host to the cap, and says so on the monitor', async () => {
    // A second user: the budget above is per user, the cap is for everyone together.
    const other = new Api(app.url);
    await other.signup();
    const before = target.hits.length;
    const ids: string[] = [];
    for (const name of ['h1', 'h2']) ids.push((await api.post('/api/monitors', { name, url: `${target.url}${name}`, intervalSeconds: 1 })).body.monitor.id);
    for (const name of ['h3', 'h4', 'h5', 'h6']) {
      const r = await other.post('/api/monitors', { name, url: `${target.url}${name}`, intervalSeconds: 2 });
      expect(r.status).toBe(201);
      ids.push(r.body.monitor.id);
    }
    // 2 + 4 × 0.5 = 4 checks a second wanted, 2 allowed: the target never sees more than 2 in a second (one more at a window's edge).
    const started = Date.now();
    await waitFor(async () => Date.now() - started > 8000, 15_000, 'eight seconds of checks');
    const hits = target.hits.slice(before).filter((t) => t > started + 1000);
    let busiest = 0;
    for (const t of hits) busiest = Math.max(busiest, hits.filter((u) => u >= t && u < t + 1000).length);
    expect(busiest).toBeLessThanOrEqual(3);
    expect(hits.length).toBeGreaterThanOrEqual(11);
    const waited = await Promise.all(ids.map(async (id, i) => ((i < 2 ? api : other).get(`/api/monitors/${id}`)).then((r) => r.body.monitor.hostWaitMs ?? 0)));
    expect(Math.max(...waited), 'some check waited its turn').toBeGreaterThan(0);
    for (const [i, id] of ids.entries()) await (i < 2 ? api : other).patch(`/api/monitors/${id}`, { active: false });
  });
});
