// What a user sees of a cluster of three worker instances and one WORKER=off instance on one
// PostgreSQL database, whichever instance the load balancer picks: (d) a hundred monitors
// going DOWN and back UP give exactly one DOWN and one UP delivery each; (e) an update through
// one instance reaches the monitor's owner within 2 s; (f) failed logins count across
// instances; (g) the web-only instance checks nothing yet forwards a manual check to the
// owner; (h) manual checks through non-owners racing a 1 s schedule while the target flips
// never leave a wrong status or a second DOWN alert; (i) the monitor limit per account holds
// when creations race through every instance; heartbeat pings through any instance reach the
// owner; and last, as it kills a worker, an alert whose sender died mid-send is sent again by
// another instance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { createDatabase, dropDatabase } from '../support/postgres';
import { startFakeProviders, type FakeProviders } from '../support/fake-providers';
import { startArrivalTarget, type ArrivalTarget } from './support/arrival-target';
import { queryDb } from '../support/app-db';
import { Client, health, inParallel, owners, startInstances, until } from './support/cluster';
import { firstAfter, seconds } from './support/series';

const MONITOR_LIMIT = 130;

interface Alert {
  kind: string;
  channelId: string;
  state: string;
}

describe('three worker instances and a web instance on one PostgreSQL database', () => {
  let databaseUrl: string;
  let target: ArrivalTarget;
  let fake: FakeProviders;
  let workers: AppServer[] = [];
  let web: AppServer;
  let client: Client;
  /** Instance id of each worker, in the order of `workers`. */
  let workerIds: string[] = [];

  const everyApp = () => [...workers, web];
  const clientOn = (app: AppServer) => client.on(app);
  /** Webhook requests that arrived under `prefix`, as (monitor id, kind). */
  const deliveries = (prefix: string) => fake.requests.filter((r) => r.path.startsWith(prefix)).map((r) => ({ monitorId: r.json?.monitor?.id as string, kind: r.json?.kind as string }));

  async function createMonitor(via: AppServer, body: Record<string, unknown>): Promise<string> {
    const res = await clientOn(via).post('/api/monitors', body);
    if (res.status !== 201) throw new Error(`creating ${String(body.name)}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.monitor.id;
  }

  async function createChannel(name: string, url: string): Promise<string> {
    const res = await client.post('/api/channels', { kind: 'webhook', name, settings: { url } });
    if (res.status !== 201) throw new Error(`channel ${name}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.channel.id;
  }

  async function ownerOf(monitorId: string): Promise<string> {
    return until(`an owner of ${monitorId}`, async () => (await owners(databaseUrl)).get(monitorId), 15_000);
  }

  const alertsOf = async (app: AppServer, monitorId: string): Promise<Alert[]> => {
    const res = await clientOn(app).get(`/api/monitors/${monitorId}/alerts?limit=50`);
    if (res.status !== 200) throw new Error(`alerts of ${monitorId}: ${res.status}`);
    return res.body.alerts;
  };
  const statusOf = async (app: AppServer, monitorId: string): Promise<string> => (await clientOn(app).get(`/api/monitors/${monitorId}`)).body.monitor.status;

  beforeAll(async () => {
    const started = Date.now();
    [databaseUrl, target, fake] = await Promise.all([createDatabase('pingboard_cluster_behaviour'), startArrivalTarget(), startFakeProviders()]);
    const env = {
      DATABASE_URL: databaseUrl,
      MAX_CHECKS_PER_SECOND_PER_USER: '100000',
      MAX_CHECKS_PER_SECOND_PER_HOST: '100000',
      ALERT_RETRY_BASE_MS: '500',
      // Room for the 103 monitors of (d), (e), (g) and (h); (i) races a fresh account to it.
      MAX_MONITORS_PER_USER: String(MONITOR_LIMIT),
    };
    [workers, web] = await Promise.all([startInstances(3, env), startApp({ env: { ...env, WORKER: 'off' } })]);
    workerIds = (await Promise.all(workers.map(health))).map((h) => h.instance);
    client = new Client(workers[0]);
    const signup = await client.post('/api/auth/signup', { email: `behaviour-${Date.now()}@example.com`, password: 'behaviour test password' });
    expect(signup.status).toBe(201);
    client.token = signup.body.token;
    console.log(`three workers and a web instance up in ${seconds(Date.now() - started)}`);
  });

  afterAll(async () => {
    await Promise.all(everyApp().filter(Boolean).map((a) => a.dispose()));
    await Promise.all([target?.close(), fake?.close()]);
    if (databaseUrl) await dropDatabase(databaseUrl);
  });

  it('(d) sends exactly one DOWN and one UP for each of 100 monitors that go down and come back', async () => {
    const N = 100;
    const started = Date.now();
    const hook = await createChannel('flip hook', `${fake.url}/hook/d`);
    const paths = Array.from({ length: N }, (_, i) => `/d/${i}`);
    const ids = await inParallel(N, 9, (i) => createMonitor(workers[i % 3], { name: `d${i}`, url: `${target.url}${paths[i]}`, intervalSeconds: 2, retries: 0, channelIds: [hook] }));
    const idSet = new Set(ids);
    const allIn = async (status: string) => {
      const res = await client.get('/api/monitors');
      return (res.body.monitors as Array<{ id: string; status: string }>).filter((m) => idSet.has(m.id) && m.status === status).length === N;
    };
    await until('all 100 UP', () => allIn('UP'), 30_000, 500);
    const byOwner = new Map<string, number>();
    const own = await owners(databaseUrl);
    for (const id of ids) byOwner.set(own.get(id) ?? 'none', (byOwner.get(own.get(id) ?? 'none') ?? 0) + 1);
    expect([...byOwner.keys()].every((o) => workerIds.includes(o)), `owners ${[...byOwner.keys()]}`).toBe(true);
    expect(byOwner.size, 'the 100 monitors are spread over the workers').toBeGreaterThanOrEqual(2);

    const downAt = Date.now();
    target.setStatus(paths, 500);
    await until('100 DOWN deliveries', async () => new Set(deliveries('/hook/d').filter((d) => d.kind === 'DOWN').map((d) => d.monitorId)).size === N, 30_000);
    const allDown = Date.now();
    target.setStatus(paths, 200);
    await until('100 UP deliveries', async () => new Set(deliveries('/hook/d').filter((d) => d.kind === 'UP').map((d) => d.monitorId)).size === N, 30_000);
    const allUp = Date.now();
    // Settled: every monitor checked twice more since its recovery was sent, and every delivery
    // marked delivered (read through every instance in turn, the web one too).
    await until('two more checks of each monitor', async () => paths.every((p) => target.arrivals(p).filter((t) => t > allUp).length >= 2), 15_000);
    const apps = everyApp();
    const alerts = await until(
      'every alert delivered',
      async () => {
        const all = await inParallel(N, 8, (i) => alertsOf(apps[i % apps.length], ids[i]));
        return all.every((a) => a.length >= 2 && a.every((x) => x.state === 'delivered')) && all;
      },
      20_000,
      500,
    );

    const received = deliveries('/hook/d');
    const count = (id: string, kind: string) => received.filter((d) => d.monitorId === id && d.kind === kind).length;
    console.log(
      `(d) owners ${[...byOwner.values()].join(' / ')}; flip -> 100 DOWN delivered ${seconds(allDown - downAt)}, back -> 100 UP ${seconds(allUp - allDown)}; ` +
        `${received.length} webhook requests in all; test took ${seconds(Date.now() - started)}`,
    );
    const wrong = ids.filter((id) => count(id, 'DOWN') !== 1 || count(id, 'UP') !== 1).map((id) => `${id}: ${count(id, 'DOWN')} DOWN, ${count(id, 'UP')} UP`);
    expect(wrong, 'monitors without exactly one DOWN and one UP at the receiver').toEqual([]);
    expect(received).toHaveLength(2 * N);
    const wrongApi = ids
      .map((id, i) => [id, alerts[i]] as const)
      .filter(([, a]) => a.filter((x) => x.kind === 'DOWN').length !== 1 || a.filter((x) => x.kind === 'UP').length !== 1 || a.length !== 2)
      .map(([id, a]) => `${id}: ${a.map((x) => x.kind).join(',')}`);
    expect(wrongApi, 'monitors without exactly one DOWN and one UP in their alerts').toEqual([]);
  });

  it('(e) applies an update made through another instance on the owner within 2 s', async () => {
    const id = await createMonitor(workers[0], { name: 'e', url: `${target.url}/e/slow`, intervalSeconds: 60, channelIds: [] });
    await until('the first check of the 60 s monitor', async () => target.arrivals('/e/slow').length > 0, 10_000);
    const owner = await ownerOf(id);
    const via = workers[workerIds.findIndex((w) => w !== owner)];
    const viaId = workerIds[workers.indexOf(via)];

    // 60 s -> 1 s on a new path: the owner must check the new path within 2 s of the answer.
    const faster = await clientOn(via).patch(`/api/monitors/${id}`, { url: `${target.url}/e/fast`, intervalSeconds: 1 });
    const answeredAt = Date.now();
    expect(faster.status).toBe(200);
    const first = await until('a check of the new path', async () => firstAfter(target.arrivals('/e/fast'), 0), 10_000, 50);
    expect((await owners(databaseUrl)).get(id), 'the owner applied it; the instance that took the request did not take the monitor').toBe(owner);

    // Paused through the same non-owner: no check of it may start later than 2 s after the answer.
    await until('a few checks at 1 s', async () => target.arrivals('/e/fast').length >= 3, 10_000, 100);
    const paused = await clientOn(via).patch(`/api/monitors/${id}`, { active: false });
    const pausedAt = Date.now();
    expect(paused.status).toBe(200);
    // Watch three intervals past the 2 s allowed.
    await until('three intervals past the 2 s allowed', async () => Date.now() >= pausedAt + 2000 + 3000, 10_000, 100);
    const late = target.arrivals('/e/fast').filter((t) => t > pausedAt + 2000);
    const lastCheck = Math.max(...target.arrivals('/e/fast'));
    console.log(
      `(e) owner ${owner}, request through ${viaId}: new path first checked ${first - answeredAt} ms after the answer; ` +
        `last check after pausing ${lastCheck - pausedAt} ms after the answer`,
    );
    expect(first - answeredAt, 'first check of the new path after the PATCH answered').toBeLessThanOrEqual(2000);
    expect(target.arrivals('/e/slow').filter((t) => t > answeredAt + 2000), 'checks of the old path after the change').toEqual([]);
    expect(late, 'checks more than 2 s after the pause answered').toEqual([]);
  });

  it('(f) throttles a pair after ten failed logins spread over three instances, on every instance', async () => {
    const user = { email: `throttle-${Date.now()}@example.com`, password: 'the right password' };
    expect((await clientOn(workers[1]).post('/api/auth/signup', user)).status).toBe(201);
    const anon = (app: AppServer) => new Client(app);
    for (let i = 0; i < 10; i++) {
      const res = await anon(workers[i % 3]).post('/api/auth/login', { email: user.email, password: `wrong ${i}` });
      expect(res.status, `failure ${i + 1} through worker ${i % 3}`).toBe(401);
    }
    for (const [k, app] of everyApp().entries()) {
      const res = await anon(app).post('/api/auth/login', { email: user.email, password: k === 0 ? user.password : 'wrong again' });
      expect(res.status, `attempt 11 through instance ${k}`).toBe(429);
      expect(Number(res.headers.get('retry-after')), `Retry-After through instance ${k}`).toBeGreaterThan(0);
    }
  });

  it('(g) runs a web-only instance that checks nothing but forwards a manual check to the owner', async () => {
    const h = await health(web);
    expect(h).toMatchObject({ role: 'web', database: 'postgresql', db: 'ok', worker: { owned: 0, running: false } });
    const all = await Promise.all(everyApp().map(health));
    expect(new Set(all.map((x) => x.instance)).size, 'distinct instance ids').toBe(4);
    expect(all.map((x) => x.role)).toEqual(['worker', 'worker', 'worker', 'web']);
    expect(all.every((x) => x.database === 'postgresql')).toBe(true);
    await until('exactly one maintenance leader', async () => (await Promise.all(everyApp().map(health))).filter((x) => x.leader).length === 1, 20_000, 500);

    const id = await createMonitor(web, { name: 'g', url: `${target.url}/g/manual`, intervalSeconds: 60, channelIds: [] });
    await until('the first check of the monitor made through the web instance', async () => target.arrivals('/g/manual').length > 0, 10_000);
    const owner = await ownerOf(id);
    expect(workerIds).toContain(owner);
    const before = target.arrivals('/g/manual').length;
    const sentAt = Date.now();
    const res = await clientOn(web).post(`/api/monitors/${id}/check`);
    const answeredAt = Date.now();
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.check).toMatchObject({ monitorId: id, status: 'UP', statusCode: 200 });
    const arrivals = target.arrivals('/g/manual').slice(before);
    expect(arrivals.filter((t) => t >= sentAt && t <= answeredAt), 'the manual check reached the target before the answer').toHaveLength(1);
    expect((await owners(databaseUrl)).get(id), 'still checked by the same worker').toBe(owner);
    expect((await health(web)).worker.owned).toBe(0);
    console.log(`(g) web instance ${h.instance}; manual check through it answered in ${answeredAt - sentAt} ms by owner ${owner}`);
  });

  it('(h) keeps the right status and one DOWN alert per outage when manual checks through non-owners race a 1 s schedule', async () => {
    const CYCLES = 3;
    const hook = await createChannel('race hook', `${fake.url}/hook/h`);
    const id = await createMonitor(workers[2], { name: 'h', url: `${target.url}/h/race`, intervalSeconds: 1, retries: 0, channelIds: [hook] });
    await until('h UP', async () => (await statusOf(web, id)) === 'UP', 15_000, 200);
    const owner = await ownerOf(id);
    const nonOwners = everyApp().filter((a) => workerIds[workers.indexOf(a)] !== owner);
    expect(nonOwners).toHaveLength(3);
    const kinds = () => deliveries('/hook/h').map((d) => d.kind);
    let manual = 0;
    const steps: string[] = [];

    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      for (const [status, expected] of [[500, 'DOWN'], [200, 'UP']] as const) {
        const flippedAt = Date.now();
        target.setStatus('/h/race', status);
        // Four manual checks at once through the three non-owners, while the owner's 1 s timer keeps firing.
        const results = await Promise.all(Array.from({ length: 4 }, (_, k) => clientOn(nonOwners[k % 3]).post(`/api/monitors/${id}/check`)));
        manual += results.length;
        for (const r of results) {
          expect(r.status, JSON.stringify(r.body)).toBe(200);
          expect(r.body.check.status, `a manual check while the target answers ${status}`).toBe(expected);
        }
        // A manual check answers once its result is stored: every instance must read the new status now.
        for (const app of everyApp()) expect(await statusOf(app, id), `status after the manual checks, cycle ${cycle}`).toBe(expected);
        const checkedAt = Date.now();
        await until(`${expected} delivery of cycle ${cycle}`, async () => kinds().filter((k) => k === expected).length >= cycle, 15_000, 100);
        steps.push(`${expected} checks ${checkedAt - flippedAt} ms, delivered +${Date.now() - checkedAt} ms`);
      }
    }
    // Settled: a few more scheduled checks, and both alerts of every cycle delivered.
    const endAt = Date.now();
    await until('three more scheduled checks', async () => target.arrivals('/h/race').filter((t) => t > endAt).length >= 3, 10_000, 100);
    const alerts = await until('all alerts delivered', async () => {
      const a = await alertsOf(web, id);
      return a.length >= 2 * CYCLES && a.every((x) => x.state === 'delivered') && a;
    }, 15_000, 250);
    const incidents = (await client.get(`/api/monitors/${id}/incidents`)).body.incidents as Array<{ ongoing: boolean }>;
    console.log(`(h) owner ${owner}; ${manual} manual checks through non-owners; webhook received ${kinds().join(',')}; ${target.arrivals('/h/race').length} checks in all; ${steps.join('; ')}`);
    expect(kinds()).toEqual(Array.from({ length: CYCLES }, () => ['DOWN', 'UP']).flat());
    expect(alerts.filter((a) => a.kind === 'DOWN')).toHaveLength(CYCLES);
    expect(alerts.filter((a) => a.kind === 'UP')).toHaveLength(CYCLES);
    expect(incidents).toHaveLength(CYCLES);
    expect(incidents.every((i) => !i.ongoing)).toBe(true);
  });

  it('(i) lets an account create exactly its limit of monitors when creations race through every instance', async () => {
    const racer = new Client(web);
    const signup = await racer.post('/api/auth/signup', { email: `limit-${Date.now()}@example.com`, password: 'limit test password' });
    expect(signup.status).toBe(201);
    racer.token = signup.body.token;
    const apps = everyApp();
    // Paused, so only the count is at stake (a paused monitor uses no check budget) and nothing is checked.
    const create = (i: number) => racer.on(apps[i % apps.length]).post('/api/monitors', { name: `race ${i}`, url: `${target.url}/i/${i}`, active: false });
    // Up to ten short of the limit, a few at a time; then thirty at once through all four instances.
    const ROOM = 10;
    const RACE = 30;
    const filled = await inParallel(MONITOR_LIMIT - ROOM, 4, (i) => create(i));
    expect(filled.filter((r) => r.status !== 201).map((r) => `${r.status} ${JSON.stringify(r.body)}`)).toEqual([]);
    const results = await Promise.all(Array.from({ length: RACE }, (_, k) => create(MONITOR_LIMIT + k)));
    const statuses = new Map<number, number>();
    for (const r of results) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    const listed = (await racer.get('/api/monitors')).body.monitors.length;
    console.log(`(i) ${RACE} creations at once through 4 instances with room for ${ROOM}: ${[...statuses].map(([s, n]) => `${n} x ${s}`).join(', ')}; the account has ${listed} (limit ${MONITOR_LIMIT})`);
    expect(listed, 'monitors of the account').toBe(MONITOR_LIMIT);
    expect(statuses.get(201), 'creations accepted in the race').toBe(ROOM);
    expect(statuses.get(409), 'creations refused as over the limit').toBe(RACE - ROOM);
  });

  it('applies heartbeat pings made through any instance on the owner, and alerts once when they stop', async () => {
    const hook = await createChannel('heartbeat hook', `${fake.url}/hook/k`);
    const created = await clientOn(workers[1]).post('/api/monitors', { name: 'k', type: 'heartbeat', intervalSeconds: 2, graceSeconds: 1, retries: 0, channelIds: [hook] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id: string = created.body.monitor.id;
    const pingPath = new URL(created.body.monitor.heartbeatUrl).pathname;
    const owner = await ownerOf(id);
    const nonOwners = everyApp().filter((a) => workerIds[workers.indexOf(a)] !== owner);
    const kinds = () => deliveries('/hook/k').map((d) => d.kind);
    const ping = async (app: AppServer) => {
      const res = await fetch(`${app.url}${pingPath}`, { method: 'POST', signal: AbortSignal.timeout(15_000) });
      expect(res.status, `a ping through ${app.url}`).toBe(200);
    };

    // A ping a second for eight seconds, each through another non-owner: the monitor stays UP.
    const statuses: string[] = [];
    let lastPingAt = 0;
    for (let n = 0; n < 8; n++) {
      const sentAt = Date.now();
      await ping(nonOwners[n % nonOwners.length]);
      lastPingAt = sentAt;
      statuses.push(await statusOf(nonOwners[(n + 1) % nonOwners.length], id));
      await until('the next second', async () => Date.now() >= sentAt + 1000, 2000, 50);
    }
    expect(statuses, 'status after each ping').toEqual(Array(8).fill('UP'));
    expect(kinds(), 'alerts while the pings came in time').toEqual([]);

    // Silence: DOWN once the period and grace (3 s) have passed; then one ping through the web instance brings it back.
    await until('DOWN after the pings stopped', async () => (await statusOf(web, id)) === 'DOWN', 15_000, 200);
    const downAfter = Date.now() - lastPingAt;
    await ping(web);
    expect(await statusOf(workers[0], id)).toBe('UP');
    await until('the DOWN and UP alerts', async () => kinds().length >= 2, 15_000, 100);
    console.log(`heartbeat owned by ${owner}: 8 pings through non-owners kept it UP; DOWN ${seconds(downAfter)} after the last ping; alerts ${kinds().join(',')}`);
    expect(kinds()).toEqual(['DOWN', 'UP']);
  });

  it('sends an alert again from another instance when the one sending it is killed mid-send', async () => {
    // The first request to this hook never gets an answer; later ones get 200.
    fake.on('/hook/j', { hang: true, times: 1 });
    const hook = await createChannel('orphan hook', `${fake.url}/hook/j`);
    const id = await createMonitor(workers[0], { name: 'j', url: `${target.url}/j/0`, intervalSeconds: 1, retries: 0, channelIds: [hook] });
    await until('j UP', async () => (await statusOf(web, id)) === 'UP', 15_000, 200);
    target.setStatus('/j/0', 500);
    const sent = await until('the DOWN alert to reach the hook', async () => fake.requests.find((r) => r.path.startsWith('/hook/j')), 15_000, 100);
    const [claim] = await queryDb<{ leaseOwner: string | null }>({ engine: 'postgresql', databaseUrl }, `SELECT "leaseOwner" FROM "Delivery" WHERE "monitorId" = ?`, id);
    const sender = workers[workerIds.indexOf(claim?.leaseOwner ?? '')];
    expect(sender, `the delivery is held by a worker (lease owner ${claim?.leaseOwner})`).toBeDefined();

    const killAt = Date.now();
    await sender.stop('SIGKILL');
    const hookRequests = () => fake.requests.filter((r) => r.path.startsWith('/hook/j'));
    const resent = await until('the alert sent again', async () => hookRequests().length >= 2 && hookRequests(), 60_000, 250);
    const resentAfter = Date.now() - killAt;
    const alerts = await until('the alert delivered', async () => {
      const a = await alertsOf(web, id);
      return a.length > 0 && a.every((x) => x.state === 'delivered') && a;
    }, 15_000, 250);
    const requests = hookRequests();
    console.log(`sender ${claim?.leaseOwner} killed mid-send; the alert was sent again ${seconds(resentAfter)} later; ${requests.length} requests, event ids ${new Set(requests.map((r) => r.headers['x-pingboard-event-id'])).size}`);
    // The sender's lease in Instance runs out within 8 s and the leader voids its delivery leases every 10 s.
    expect(resentAfter, 'from the kill to the alert sent again').toBeLessThanOrEqual(25_000);
    expect(resent[1].headers['x-pingboard-event-id'], 'the same event, sent again').toBe(sent.headers['x-pingboard-event-id']);
    expect(requests.map((r) => r.json?.kind)).toEqual(['DOWN', 'DOWN']);
    expect(alerts.map((a) => a.kind)).toEqual(['DOWN']);
  });
});
