// Check results must reach a PostgreSQL database whatever the per-host cap is. The cap spaces
// checks of one host 1000 / MAX_CHECKS_PER_SECOND_PER_HOST ms apart, which is a fraction of a
// millisecond for most values (3 a second: 333.3 ms; 100,000: 0.01 ms), and the wait a check
// spent is stored with its result in an integer column. Three 1 s monitors on one host capped
// at 3 a second make every check wait a fractional time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { createDatabase, dropDatabase } from '../support/postgres';
import { startArrivalTarget, type ArrivalTarget } from './support/arrival-target';
import { Client, health, until } from './support/cluster';

describe('check results on PostgreSQL under a per-host cap', () => {
  let databaseUrl: string;
  let target: ArrivalTarget;
  let app: AppServer;
  let client: Client;

  beforeAll(async () => {
    [databaseUrl, target] = await Promise.all([createDatabase('pingboard_cluster_storage'), startArrivalTarget()]);
    app = await startApp({ env: { DATABASE_URL: databaseUrl, MAX_CHECKS_PER_SECOND_PER_HOST: '3' } });
    client = new Client(app);
    const signup = await client.post('/api/auth/signup', { email: `storage-${Date.now()}@example.com`, password: 'storage test password' });
    expect(signup.status).toBe(201);
    client.token = signup.body.token;
  });
  afterAll(async () => {
    await app?.dispose();
    await target?.close();
    if (databaseUrl) await dropDatabase(databaseUrl);
  });

  it('stores every result when the cap spaces checks a fraction of a millisecond apart', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await client.post('/api/monitors', { name: `s${i}`, url: `${target.url}/s/${i}`, intervalSeconds: 1 });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids.push(res.body.monitor.id);
    }
    await until('five checks of each monitor at the target', async () => [0, 1, 2].every((i) => target.arrivals(`/s/${i}`).length >= 5), 20_000);
    const stored = async () => Promise.all(ids.map(async (id) => ((await client.get(`/api/monitors/${id}/checks?limit=50`)).body.checks as unknown[]).length));
    const counts = await until('three stored checks of each monitor', async () => {
      const c = await stored();
      return c.every((n) => n >= 3) && c;
    }, 10_000, 500).catch(async () => stored());
    const h = await health(app);
    expect(Math.min(...counts), `stored checks per monitor: ${counts.join(', ')} (the target saw ${[0, 1, 2].map((i) => target.arrivals(`/s/${i}`).length).join(', ')}); health ${JSON.stringify(h)}; last server warning: ${app.logs().split('\n').filter((l) => l.includes('"level":40')).at(-1)?.slice(0, 400) ?? 'none'}`).toBeGreaterThanOrEqual(3);
    expect(h.worker.pendingResults, 'results still waiting to be written').toBeLessThan(10);
  });
});
