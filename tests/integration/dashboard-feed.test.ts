// The dashboard's data through the running server: GET /api/monitors/summary (light rows with
// no secret or heavy field, the owner's only, in creation order; with ?since=<cursor> only the
// rows changed since, plus the total so a deletion shows; MAINTENANCE while a window covers a
// monitor) and GET /api/monitors/heartbeats (the newest checks of the monitors on screen,
// oldest first). "Changed since" is made exact by dating every row back before a cursor is
// taken, rather than by waiting out the feed's look-back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { Api, waitFor } from '../support/api';
import { queryDb } from '../support/app-db';
import { startTarget, type TargetServer } from '../support/target-server';

let app: AppServer;
let target: TargetServer;
let flaky: TargetServer;
let stranger: Api;

const ROW_KEYS = [
  'id', 'name', 'type', 'target', 'active', 'status', 'statusChangedAt', 'lastCheckedAt', 'lastLatencyMs', 'lastCause', 'lastError',
  'consecutiveFailures', 'retries', 'phase', 'attempt', 'of', 'parentId', 'intervalSeconds', 'uptime24h', 'tagIds', 'hasWorkingChannel', 'maintenance',
];
const MINUTE = 60_000;

beforeAll(async () => {
  [app, target, flaky] = await Promise.all([startApp(), startTarget(200), startTarget(500)]);
  stranger = new Api(app.url);
  await stranger.signup();
});
afterAll(async () => {
  await Promise.all([app?.dispose(), target?.close(), flaky?.close()]);
});

async function newUser(): Promise<Api & { userId: string }> {
  const api = new Api(app.url);
  const { id } = await api.signup();
  return Object.assign(api, { userId: id });
}

async function monitor(api: Api, name: string, extra: Record<string, unknown> = {}): Promise<any> {
  const res = await api.post('/api/monitors', { name, url: `${target.url}${name}`, active: false, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.monitor;
}

async function feed(api: Api, since?: number) {
  const res = await api.get(`/api/monitors/summary${since === undefined ? '' : `?since=${since}`}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { monitors: any[]; cursor: number; total: number; partial: boolean; connectivity: { state: string; offlineSince: string | null } };
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
const dbTime = (ms: number) => (app.engine === 'sqlite' ? ms : new Date(ms).toISOString());
/** Dates every monitor of the user back ten minutes, as if nothing had changed lately. */
const ageMonitors = (userId: string) => queryDb(app, 'UPDATE "Monitor" SET "updatedAt" = ? WHERE "userId" = ?', dbTime(Date.now() - 10 * MINUTE), userId);

function expectIssue(res: { status: number; body: any }, field: string, what = '') {
  expect(res.status, `${what} ${JSON.stringify(res.body)}`).toBe(400);
  expect(res.body.error.code).toBe('validation_failed');
  expect(res.body.error.issues.map((i: { path: unknown[] }) => i.path[0]), JSON.stringify(res.body.error.issues)).toContain(field);
}

describe('the full feed', () => {
  it('lists the owner’s monitors as light rows in creation order, without secrets or heavy fields', async () => {
    const api = await newUser();
    const hook = (await api.post('/api/channels', { kind: 'webhook', name: 'Hook', settings: { url: `${target.url}hook` } })).body.channel.id;
    const tagId = (await api.post('/api/tags', { name: 'shop' })).body.tag.id;
    const http = await monitor(api, 'web', {
      method: 'POST',
      headers: [{ name: 'Authorization', value: 'Bearer s3cret-header-value', secret: true }],
      body: '{"password":"body-secret-value"}',
      keyword: 'ok',
      channelIds: [hook],
      tagIds: [tagId],
      retries: 3,
      intervalSeconds: 30,
    });
    const tcp = await monitor(api, 'db', { type: 'tcp', url: null, host: '127.0.0.1', port: 5432, channelIds: [] });
    const push = await monitor(api, 'job', { type: 'heartbeat', url: null });
    expect((await api.post(`/api/monitors/${http.id}/check`)).status).toBe(200);
    await monitor(stranger, 'not-theirs');

    const before = Date.now();
    const body = await feed(api);
    expect(Object.keys(body).sort()).toEqual(['connectivity', 'cursor', 'monitors', 'partial', 'total']);
    expect(body.connectivity).toEqual({ state: 'online', offlineSince: null });
    expect(body.partial).toBe(false);
    expect(body.total).toBe(3);
    // The cursor is a time a little before the answer (results are stamped before they commit).
    expect(body.cursor).toBeLessThanOrEqual(Date.now());
    expect(body.cursor).toBeGreaterThan(before - 60_000);
    expect(ids(body.monitors)).toEqual([http.id, tcp.id, push.id]);
    for (const row of body.monitors) expect(Object.keys(row).sort()).toEqual([...ROW_KEYS].sort());

    const [web, db, job] = body.monitors;
    expect(web).toMatchObject({
      name: 'web', type: 'http', target: `${target.url}web`, active: false, status: 'UP', lastCause: null, lastError: null,
      consecutiveFailures: 0, retries: 3, intervalSeconds: 30, uptime24h: 100, tagIds: [tagId], hasWorkingChannel: true, maintenance: null,
    });
    expect(typeof web.lastLatencyMs).toBe('number');
    expect(new Date(web.lastCheckedAt).toISOString()).toBe(web.lastCheckedAt);
    expect(db).toMatchObject({ type: 'tcp', target: '127.0.0.1:5432', status: 'PENDING', lastCheckedAt: null, uptime24h: null, tagIds: [], hasWorkingChannel: false });
    expect(job).toMatchObject({ type: 'heartbeat', target: 'heartbeat' });

    const text = JSON.stringify(body);
    for (const secret of ['s3cret-header-value', 'body-secret-value', 'Authorization', '/api/heartbeat/']) expect(text).not.toContain(secret);
    const full = (await api.get(`/api/monitors/${push.id}`)).body.monitor;
    expect(full.heartbeatUrl).toEqual(expect.any(String));
    expect(text).not.toContain(full.heartbeatUrl.split('/').pop());

    // Another user sees only their own.
    const theirs = await feed(stranger);
    expect(theirs.total).toBe(theirs.monitors.length);
    for (const id of [http.id, tcp.id, push.id]) expect(ids(theirs.monitors)).not.toContain(id);
    expect(ids((await feed(stranger, 0)).monitors)).not.toContain(http.id);
    expect((await new Api(app.url).get('/api/monitors/summary')).status).toBe(401);
  });

  it('refuses a bad since with 400 naming since', async () => {
    for (const since of ['abc', '-1', '1.5', '1e400', 'NaN']) {
      expectIssue(await stranger.get(`/api/monitors/summary?since=${since}`), 'since', `since=${since}`);
    }
    expect((await stranger.get('/api/monitors/summary?sinse=1')).status).toBe(400);
  });

  it('refuses a since past the last representable time with 400, not 500', async () => {
    // A whole number under 2^53, so the schema lets it through, but past 8.64e15 ms: no Date can hold it.
    expectIssue(await stranger.get('/api/monitors/summary?since=9000000000000000'), 'since');
  });
});

describe('changes since a cursor', () => {
  it('returns only the rows a check result, a rename or a pause changed, and the total that shows a deletion', async () => {
    const api = await newUser();
    const checked = await monitor(api, 'checked');
    const renamed = await monitor(api, 'renamed');
    const pausedLater = await monitor(api, 'paused', { active: true, intervalSeconds: 86_400 });
    const untouched = await monitor(api, 'untouched');
    const deleted = await monitor(api, 'deleted');
    // The active one makes its first check soon after it is saved; let it land before dating back.
    // Its result and its move from PENDING to UP are two writes: wait for the second.
    await waitFor(async () => (await api.get(`/api/monitors/${pausedLater.id}`)).body.monitor.status === 'UP', 15_000, 'first check');
    await ageMonitors(api.userId);
    const start = await feed(api);
    expect(start.total).toBe(5);
    const idle = await feed(api, start.cursor);
    expect(idle).toMatchObject({ monitors: [], partial: true, total: 5 });

    expect((await api.post(`/api/monitors/${checked.id}/check`)).status).toBe(200);
    expect((await api.patch(`/api/monitors/${renamed.id}`, { name: 'renamed again' })).status).toBe(200);
    expect((await api.post('/api/monitors/bulk', { action: 'pause', monitorIds: [pausedLater.id] })).status).toBe(200);
    expect((await api.delete(`/api/monitors/${deleted.id}`)).status).toBe(204);

    const delta = await feed(api, start.cursor);
    expect(delta.partial).toBe(true);
    expect(delta.total).toBe(4);
    expect(ids(delta.monitors).sort()).toEqual([checked.id, renamed.id, pausedLater.id].sort());
    const row = (id: string) => delta.monitors.find((m) => m.id === id);
    expect(row(checked.id)).toMatchObject({ status: 'UP', uptime24h: 100 });
    expect(row(checked.id).lastCheckedAt).not.toBeNull();
    expect(row(renamed.id).name).toBe('renamed again');
    expect(row(pausedLater.id).active).toBe(false);
    for (const r of delta.monitors) expect(Object.keys(r).sort()).toEqual([...ROW_KEYS].sort());
    // Merged into the first answer, the rows are what a full read gives now.
    const merged = new Map(start.monitors.map((m) => [m.id, m]));
    for (const m of delta.monitors) merged.set(m.id, m);
    merged.delete(deleted.id);
    expect(merged.size).toBe(delta.total);
    expect((await feed(api)).monitors).toEqual([...merged.values()]);

    // A newer cursor leaves out what came before it.
    await ageMonitors(api.userId);
    expect((await feed(api, (await feed(api)).cursor)).monitors).toEqual([]);
  });

  it('reports a failing check with its cause, error and failure count', async () => {
    const api = await newUser();
    const m = await monitor(api, 'flaky', { url: flaky.url, retries: 2 });
    await ageMonitors(api.userId);
    const { cursor } = await feed(api);
    expect((await api.post(`/api/monitors/${m.id}/check`)).status).toBe(200);
    const [row] = (await feed(api, cursor)).monitors;
    expect(row).toMatchObject({ id: m.id, status: 'PENDING', consecutiveFailures: 1, retries: 2, lastCause: expect.any(String), lastError: expect.any(String), uptime24h: 0 });
  });

  it('returns a monitor whose tags or channels changed in bulk', async () => {
    const api = await newUser();
    const m = await monitor(api, 'tagged later', { channelIds: [] });
    const tagId = (await api.post('/api/tags', { name: 'later' })).body.tag.id;
    const hook = (await api.post('/api/channels', { kind: 'webhook', name: 'Hook', settings: { url: `${target.url}hook` } })).body.channel.id;
    await ageMonitors(api.userId);
    const { cursor } = await feed(api);
    expect((await api.post('/api/monitors/bulk', { action: 'addTag', monitorIds: [m.id], tagId })).body.affected).toBe(1);
    expect((await api.post('/api/monitors/bulk', { action: 'setChannels', monitorIds: [m.id], channelIds: [hook] })).body.affected).toBe(1);
    const delta = await feed(api, cursor);
    expect(delta.monitors, 'the tag and channel change is in the delta').toEqual([expect.objectContaining({ id: m.id, tagIds: [tagId], hasWorkingChannel: true })]);
  });
});

describe('maintenance', () => {
  /** A paused monitor, and one active monitor inside and one outside, once they are UP. */
  async function monitorsToCover(api: Api) {
    const covered = await monitor(api, 'covered', { active: true, intervalSeconds: 86_400 });
    const pausedCovered = await monitor(api, 'paused covered');
    const outside = await monitor(api, 'outside', { active: true, intervalSeconds: 86_400 });
    await waitFor(async () => (await feed(api)).monitors.filter((r) => r.active).every((r) => r.status === 'UP'), 15_000, 'first checks');
    return { covered, pausedCovered, outside };
  }
  async function openWindow(api: Api, monitorIds: string[]) {
    const end = new Date(Date.now() + 60 * MINUTE).toISOString();
    const res = await api.post('/api/maintenance', { title: 'Upgrade', monitorIds, start: new Date(Date.now() - 5 * MINUTE).toISOString(), end });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return { id: res.body.maintenance.id as string, start: res.body.maintenance.start as string, end: res.body.maintenance.end as string };
  }

  it('shows MAINTENANCE and the window on the rows it covers, and clears them when it goes', async () => {
    const api = await newUser();
    const { covered, pausedCovered, outside } = await monitorsToCover(api);
    const window = await openWindow(api, [covered.id, pausedCovered.id]);

    const rows = new Map((await feed(api)).monitors.map((r) => [r.id, r]));
    expect(rows.get(covered.id)).toMatchObject({ status: 'MAINTENANCE', maintenance: { title: 'Upgrade', end: window.end } });
    expect(rows.get(pausedCovered.id)!.maintenance).toEqual({ id: window.id, title: 'Upgrade', start: window.start, end: window.end });
    expect(rows.get(outside.id)).toMatchObject({ status: 'UP', maintenance: null });
    // The rows say what the monitor itself says.
    for (const id of [covered.id, pausedCovered.id, outside.id]) {
      expect(rows.get(id)!.status).toBe((await api.get(`/api/monitors/${id}`)).body.monitor.status);
    }

    expect((await api.delete(`/api/maintenance/${window.id}`)).status).toBe(204);
    const after = new Map((await feed(api)).monitors.map((r) => [r.id, r]));
    expect(after.get(covered.id)).toMatchObject({ status: 'UP', maintenance: null });
    expect(after.get(pausedCovered.id)!.maintenance).toBeNull();
    await api.post('/api/monitors/bulk', { action: 'pause', monitorIds: [covered.id, outside.id] });
  });

  it('tells a dashboard that only asks for changes that a window began', async () => {
    const api = await newUser();
    const { covered, pausedCovered, outside } = await monitorsToCover(api);
    await ageMonitors(api.userId);
    const { cursor } = await feed(api);
    await openWindow(api, [covered.id, pausedCovered.id]);
    try {
      const delta = await feed(api, cursor);
      expect(ids(delta.monitors), 'the covered monitors are in the delta').toEqual(expect.arrayContaining([covered.id, pausedCovered.id]));
      expect(delta.monitors.find((r) => r.id === covered.id)).toMatchObject({ status: 'MAINTENANCE' });
    } finally {
      await api.post('/api/monitors/bulk', { action: 'pause', monitorIds: [covered.id, outside.id] });
    }
  });
});

describe('heartbeats', () => {
  it('gives the newest checks of each asked-for monitor, oldest first, leaving out ids that are not the caller’s', async () => {
    const api = await newUser();
    const busy = await monitor(api, 'busy', { url: flaky.url, retries: 0 });
    const quiet = await monitor(api, 'quiet');
    const theirs = await monitor(stranger, 'theirs');
    expect((await stranger.post(`/api/monitors/${theirs.id}/check`)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await api.post(`/api/monitors/${busy.id}/check`)).status).toBe(200);
    flaky.setStatus(200);
    try {
      for (let i = 0; i < 2; i++) expect((await api.post(`/api/monitors/${busy.id}/check`)).status).toBe(200);
    } finally {
      flaky.setStatus(500);
    }
    const newestFirst = (await api.get(`/api/monitors/${busy.id}/checks`)).body.checks;
    expect(newestFirst).toHaveLength(5);
    const asBeats = (checks: any[]) => checks.map((c) => ({ status: c.status, latencyMs: c.latencyMs, cause: c.cause, checkedAt: c.checkedAt })).reverse();

    const res = await api.get(`/api/monitors/heartbeats?ids=${busy.id},${quiet.id},${theirs.id},no-such-monitor&limit=3`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(Object.keys(res.body)).toEqual(['heartbeats']);
    expect(Object.keys(res.body.heartbeats).sort()).toEqual([busy.id, quiet.id].sort());
    expect(res.body.heartbeats[quiet.id]).toEqual([]);
    expect(res.body.heartbeats[busy.id]).toEqual(asBeats(newestFirst.slice(0, 3)));
    expect(res.body.heartbeats[busy.id].map((b: { status: string }) => b.status)).toEqual(['DOWN', 'UP', 'UP']);
    expect(res.body.heartbeats[busy.id][0].cause).toEqual(expect.any(String));

    const all = await api.get(`/api/monitors/heartbeats?ids=${busy.id},${busy.id}`);
    expect(Object.keys(all.body.heartbeats)).toEqual([busy.id]);
    expect(all.body.heartbeats[busy.id]).toEqual(asBeats(newestFirst));
    expect((await stranger.get(`/api/monitors/heartbeats?ids=${busy.id}`)).body).toEqual({ heartbeats: {} });

    // 200 ids are allowed, 201 are not.
    const many = (n: number) => [busy.id, ...Array.from({ length: n - 1 }, (_, i) => `other-${i}`)].join(',');
    const two00 = await api.get(`/api/monitors/heartbeats?ids=${many(200)}&limit=1`);
    expect(two00.status).toBe(200);
    expect(two00.body.heartbeats).toEqual({ [busy.id]: asBeats(newestFirst.slice(0, 1)) });
    expectIssue(await api.get(`/api/monitors/heartbeats?ids=${many(201)}`), 'ids');
  });

  it('shows the check of a paused monitor made by hand after its address changed as a check of the new address', async () => {
    const api = await newUser();
    const m = await monitor(api, 'moved', { url: flaky.url, retries: 0 });
    expect((await api.post(`/api/monitors/${m.id}/check`)).body.check.status).toBe('DOWN');
    expect((await api.patch(`/api/monitors/${m.id}`, { url: target.url })).body.monitor.url).toBe(target.url);
    const hits = target.hits.length;
    const after = await api.post(`/api/monitors/${m.id}/check`);
    expect(after.status).toBe(200);
    expect(target.hits.length, 'the check after the edit reached the new address').toBeGreaterThan(hits);
    expect(after.body.check.status).toBe('UP');
    const beats = (await api.get(`/api/monitors/heartbeats?ids=${m.id}`)).body.heartbeats[m.id];
    expect(beats.map((b: { status: string }) => b.status)).toEqual(['DOWN', 'UP']);
  });

  it('refuses missing ids and bad limits with 400 naming the field', async () => {
    const id = (await monitor(stranger, 'limits')).id;
    for (const query of ['', '?limit=5', '?ids=', '?ids=,,', `?ids=${'x'.repeat(65)}`]) {
      expectIssue(await stranger.get(`/api/monitors/heartbeats${query}`), 'ids');
    }
    for (const limit of ['0', '101', 'x', '1.5', '-3']) {
      expectIssue(await stranger.get(`/api/monitors/heartbeats?ids=${id}&limit=${limit}`), 'limit');
    }
    expect((await stranger.get(`/api/monitors/heartbeats?ids=${id}&limit=100`)).status).toBe(200);
    expect((await stranger.get(`/api/monitors/heartbeats?ids=${id}&extra=1`)).status).toBe(400);
    expect((await new Api(app.url).get(`/api/monitors/heartbeats?ids=${id}`)).status).toBe(401);
  });
});
