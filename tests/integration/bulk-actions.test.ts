// POST /api/monitors/bulk through the running server: pause (the worker stops checking),
// resume (it starts again, held to the per-user check budget as a whole), delete (with all
// history), addTag/removeTag and setChannels, each answering {action, affected} with affected
// counting only what changed; one unknown or foreign id (or tag, or channel) refuses the whole
// request naming the field, with nothing changed; and ten thousand ids in one body.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { Api, waitFor } from '../support/api';
import { countRows, queryDb } from '../support/app-db';
import { startTarget, type TargetServer } from '../support/target-server';

let app: AppServer;
let target: TargetServer;
let owner: Api;
let stranger: Api;

/** Low enough that the budget test can pass it with a handful of 1 s monitors. */
const BUDGET = 5;

beforeAll(async () => {
  [app, target] = await Promise.all([startApp({ env: { MAX_CHECKS_PER_SECOND_PER_USER: String(BUDGET) } }), startTarget(200)]);
  owner = new Api(app.url);
  stranger = new Api(app.url);
  await owner.signup();
  await stranger.signup();
});
afterAll(async () => {
  await Promise.all([app?.dispose(), target?.close()]);
});

const bulk = (api: Api, body: unknown) => api.post('/api/monitors/bulk', body);
const checksOf = (id: string) => countRows(app, 'SELECT COUNT(*) AS n FROM "Check" WHERE "monitorId" = ?', id);
const rowsOf = (table: string, ids: string[]) =>
  countRows(app, `SELECT COUNT(*) AS n FROM "${table}" WHERE "monitorId" IN (${ids.map(() => '?').join(', ')})`, ...ids);

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

async function tag(api: Api, name: string): Promise<string> {
  const res = await api.post('/api/tags', { name });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.tag.id;
}

async function webhook(api: Api, name: string): Promise<string> {
  const res = await api.post('/api/channels', { kind: 'webhook', name, settings: { url: `${target.url}hook/${name}` } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.channel.id;
}

const get = async (api: Api, id: string) => (await api.get(`/api/monitors/${id}`)).body.monitor;

function expectIssue(res: { status: number; body: any }, field: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.error.code).toBe('validation_failed');
  const paths = res.body.error.issues.map((i: { path: unknown[] }) => i.path[0]);
  expect(paths, JSON.stringify(res.body.error.issues)).toContain(field);
}

/** A DateTime parameter in the column's shape: epoch ms on SQLite, UTC text on PostgreSQL. */
const dbTime = (ms: number) => (app.engine === 'sqlite' ? ms : new Date(ms).toISOString());

/** Paused HTTP monitors written straight into the database (the API would take minutes for thousands). */
async function insertMonitors(userId: string, n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, () => randomUUID());
  const columns = ['id', 'userId', 'name', 'type', 'active', 'url', 'intervalSeconds', 'createdAt', 'updatedAt'];
  const head = `INSERT INTO "Monitor" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const start = Date.now() - 60_000;
  for (let i = 0; i < n; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const values = chunk.flatMap((id, j) => [id, userId, `bulk ${i + j}`, 'http', 0, target.url, 60, dbTime(start + i + j), dbTime(start + i + j)]);
    await queryDb(app, head + chunk.map(() => tuple).join(', '), ...values);
  }
  return ids;
}

describe('pause and resume', () => {
  it('stops the worker checking paused monitors and starts it again on resume', async () => {
    const paused = [await monitor(owner, 'p1', { intervalSeconds: 1, active: true }), await monitor(owner, 'p2', { intervalSeconds: 1, active: true })].map((m) => m.id);
    const control = (await monitor(owner, 'control', { intervalSeconds: 1, active: true })).id;
    await waitFor(async () => (await Promise.all([...paused, control].map(checksOf))).every((n) => n >= 2), 20_000, 'two checks of each monitor');

    const res = await bulk(owner, { action: 'pause', monitorIds: paused });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ action: 'pause', affected: 2 });
    for (const id of paused) expect(await get(owner, id)).toMatchObject({ active: false });
    expect((await get(owner, control)).active).toBe(true);

    // Let a check already under way land, measured by the control's checks, then none may follow.
    const afterControl = async (n: number) => {
      const start = await checksOf(control);
      await waitFor(async () => (await checksOf(control)) >= start + n, 20_000, `${n} more checks of the control`);
    };
    await afterControl(2);
    const settled = await Promise.all(paused.map(checksOf));
    await afterControl(3);
    expect(await Promise.all(paused.map(checksOf))).toEqual(settled);

    // Pausing what is paused changes nothing; resuming counts only the paused ones.
    expect((await bulk(owner, { action: 'pause', monitorIds: paused })).body).toEqual({ action: 'pause', affected: 0 });
    const resumed = await bulk(owner, { action: 'resume', monitorIds: [...paused, control] });
    expect(resumed.status, JSON.stringify(resumed.body)).toBe(200);
    expect(resumed.body).toEqual({ action: 'resume', affected: 2 });
    await waitFor(async () => (await Promise.all(paused.map(checksOf))).every((n, i) => n >= settled[i] + 2), 20_000, 'checks after resuming');
    for (const id of paused) expect((await get(owner, id)).active).toBe(true);

    expect((await bulk(owner, { action: 'pause', monitorIds: [...paused, control] })).body).toEqual({ action: 'pause', affected: 3 });
  });

  it('refuses a resume past the per-user check budget as a whole, resuming none', async () => {
    const api = await newUser();
    for (const name of ['b-on1', 'b-on2']) await monitor(api, name, { intervalSeconds: 1, active: true });
    const idle = [];
    for (const name of ['b-off1', 'b-off2', 'b-off3', 'b-off4']) idle.push((await monitor(api, name, { intervalSeconds: 1 })).id);
    const push = (await api.post('/api/monitors', { name: 'job', type: 'heartbeat', intervalSeconds: 1, active: false })).body.monitor.id;

    // 2 active + 4 resumed = 6 checks a second, over the budget of 5.
    const over = await bulk(api, { action: 'resume', monitorIds: idle });
    expectIssue(over, 'monitorIds');
    expect(over.body.error.issues[0].message).toMatch(/6\.00 times per second; the budget on this server is 5 per user/);
    for (const id of idle) expect((await get(api, id)).active).toBe(false);

    // Exactly the budget is allowed, and a push monitor makes no checks to count.
    const fits = await bulk(api, { action: 'resume', monitorIds: [...idle.slice(0, 3), push] });
    expect(fits.status, JSON.stringify(fits.body)).toBe(200);
    expect(fits.body).toEqual({ action: 'resume', affected: 4 });
    expect((await get(api, idle[3])).active).toBe(false);
    // Pausing is always allowed.
    const all = (await api.get('/api/monitors')).body.monitors.map((m: { id: string }) => m.id);
    expect((await bulk(api, { action: 'pause', monitorIds: all })).body).toEqual({ action: 'pause', affected: 6 });
  });
});

describe('delete', () => {
  it('deletes the monitors with their history, tags and channels, and leaves the others alone', async () => {
    const api = await newUser();
    const t = await tag(api, 'doomed');
    const hook = await webhook(api, 'doomed-hook');
    const doomed = [(await monitor(api, 'd1', { tagIds: [t], channelIds: [hook] })).id, (await monitor(api, 'd2', { tagIds: [t], channelIds: [hook] })).id];
    const kept = (await monitor(api, 'kept', { tagIds: [t], channelIds: [hook] })).id;
    for (const id of [...doomed, kept]) {
      expect((await api.post(`/api/monitors/${id}/check`)).status).toBe(200);
      // An outage in the past, as the worker records one.
      await queryDb(app, `INSERT INTO "Incident" ("id", "monitorId", "startedAt", "endedAt", "cause") VALUES (?, ?, ?, ?, 'http_status')`, randomUUID(), id, dbTime(Date.now() - 7_200_000), dbTime(Date.now() - 3_600_000));
    }
    const tables = ['Check', 'CheckRollup', 'CheckDailyRollup', 'Incident', 'MonitorTag', 'MonitorChannel'];
    for (const table of tables) expect(await rowsOf(table, doomed), table).toBeGreaterThan(0);

    const res = await bulk(api, { action: 'delete', monitorIds: [doomed[0], doomed[1], doomed[0]] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ action: 'delete', affected: 2 });
    for (const id of doomed) expect((await api.get(`/api/monitors/${id}`)).status).toBe(404);
    for (const table of tables) expect(await rowsOf(table, doomed), table).toBe(0);
    for (const table of tables) expect(await rowsOf(table, [kept]), table).toBeGreaterThan(0);
    expect((await api.get('/api/monitors')).body.monitors.map((m: { id: string }) => m.id)).toEqual([kept]);
    expect((await api.get(`/api/tags/${t}`)).body.tag.monitorCount).toBe(1);

    // They are unknown now.
    expectIssue(await bulk(api, { action: 'delete', monitorIds: [doomed[0]] }), 'monitorIds');
  });
});

describe('tags and channels', () => {
  it('adds and removes one tag, counting only the monitors it changed', async () => {
    const api = await newUser();
    const t = await tag(api, 'eu');
    const other = await tag(api, 'us');
    const [a, b, c] = [(await monitor(api, 'a', { tagIds: [other] })).id, (await monitor(api, 'b')).id, (await monitor(api, 'c')).id];

    expect((await bulk(api, { action: 'addTag', monitorIds: [a, b], tagId: t })).body).toEqual({ action: 'addTag', affected: 2 });
    expect((await bulk(api, { action: 'addTag', monitorIds: [a, b, c], tagId: t })).body).toEqual({ action: 'addTag', affected: 1 });
    expect((await api.get(`/api/tags/${t}`)).body.tag.monitorCount).toBe(3);
    expect([...(await get(api, a)).tagIds].sort()).toEqual([t, other].sort());
    expect((await get(api, c)).tagIds).toEqual([t]);

    expect((await bulk(api, { action: 'removeTag', monitorIds: [a], tagId: t })).body).toEqual({ action: 'removeTag', affected: 1 });
    expect((await bulk(api, { action: 'removeTag', monitorIds: [a], tagId: t })).body).toEqual({ action: 'removeTag', affected: 0 });
    expect((await get(api, a)).tagIds).toEqual([other]);
    expect((await api.get(`/api/tags/${t}`)).body.tag.monitorCount).toBe(2);

    // An unknown tag, another user's tag or no tag at all: 400 naming tagId, nothing changed.
    const theirs = await tag(stranger, 'eu');
    for (const body of [
      { action: 'addTag', monitorIds: [a], tagId: 'no-such-tag' },
      { action: 'addTag', monitorIds: [a], tagId: theirs },
      { action: 'removeTag', monitorIds: [b], tagId: theirs },
      { action: 'addTag', monitorIds: [a] },
      { action: 'addTag', monitorIds: [a], tagId: '' },
    ]) {
      expectIssue(await bulk(api, body), 'tagId');
    }
    expect((await get(api, a)).tagIds).toEqual([other]);
    expect((await get(api, b)).tagIds).toEqual([t]);
    expect((await stranger.get(`/api/tags/${theirs}`)).body.tag.monitorCount).toBe(0);
  });

  it('sets the channels of many monitors, replacing what they had', async () => {
    const api = await newUser();
    const [h1, h2] = [await webhook(api, 'h1'), await webhook(api, 'h2')];
    const [a, b] = [(await monitor(api, 'a')).id, (await monitor(api, 'b')).id];
    const channels = async (id: string) => [...(await get(api, id)).channelIds].sort();

    expect((await bulk(api, { action: 'setChannels', monitorIds: [a, b], channelIds: [h1, h2] })).body).toEqual({ action: 'setChannels', affected: 2 });
    expect(await channels(a)).toEqual([h1, h2].sort());
    expect(await channels(b)).toEqual([h1, h2].sort());
    expect((await bulk(api, { action: 'setChannels', monitorIds: [a], channelIds: [] })).body).toEqual({ action: 'setChannels', affected: 1 });
    expect(await channels(a)).toEqual([]);
    expect(await channels(b)).toEqual([h1, h2].sort());

    const theirs = await webhook(stranger, 'theirs');
    for (const channelIds of [[h1, theirs], ['no-such-channel'], [h1, h1], undefined, 'h1']) {
      expectIssue(await bulk(api, { action: 'setChannels', monitorIds: [a, b], channelIds }), 'channelIds');
    }
    expect(await channels(a)).toEqual([]);
    expect(await channels(b)).toEqual([h1, h2].sort());
  });
});

describe('refusals', () => {
  it('refuses the whole request when any id is unknown or another user’s, naming monitorIds and changing nothing', async () => {
    const api = await newUser();
    const t = await tag(api, 'x');
    const hook = await webhook(api, 'x');
    const on = (await monitor(api, 'on', { intervalSeconds: 3600, active: true })).id;
    const off = (await monitor(api, 'off')).id;
    const foreign = (await monitor(stranger, 'theirs')).id;
    const before = { on: await get(api, on), off: await get(api, off), foreign: await get(stranger, foreign) };

    for (const bad of [foreign, 'no-such-monitor']) {
      for (const body of [
        { action: 'pause', monitorIds: [on, bad] },
        { action: 'resume', monitorIds: [off, bad] },
        { action: 'delete', monitorIds: [on, off, bad] },
        { action: 'addTag', monitorIds: [on, off, bad], tagId: t },
        { action: 'setChannels', monitorIds: [on, off, bad], channelIds: [hook] },
      ]) {
        const res = await bulk(api, body);
        expectIssue(res, 'monitorIds');
        expect(res.body.error.issues[0].message).toContain(bad);
        expect(res.body.error.issues[0].message).not.toContain(on);
      }
    }
    const strip = (m: any) => ({ ...m, lastCheckedAt: null, lastLatencyMs: null, lastStatusCode: null, status: null, statusChangedAt: null, hostWaitMs: null, updatedAt: null });
    expect(strip(await get(api, on))).toEqual(strip(before.on));
    expect(await get(api, off)).toEqual(before.off);
    expect(await get(stranger, foreign)).toEqual(before.foreign);
    expect((await api.get(`/api/tags/${t}`)).body.tag.monitorCount).toBe(0);
    await bulk(api, { action: 'pause', monitorIds: [on] });
  });

  it('refuses malformed bodies naming the field', async () => {
    const m = (await monitor(owner, 'shape')).id;
    const cases: Array<[unknown, string]> = [
      [{ action: 'explode', monitorIds: [m] }, 'action'],
      [{ monitorIds: [m] }, 'action'],
      [{ action: 'pause' }, 'monitorIds'],
      [{ action: 'pause', monitorIds: [] }, 'monitorIds'],
      [{ action: 'pause', monitorIds: m }, 'monitorIds'],
      [{ action: 'pause', monitorIds: [''] }, 'monitorIds'],
      [{ action: 'pause', monitorIds: [7] }, 'monitorIds'],
      [{ action: 'pause', monitorIds: ['x'.repeat(65)] }, 'monitorIds'],
      [{ action: 'pause', monitorIds: Array.from({ length: 10_001 }, (_, i) => `m${i}`) }, 'monitorIds'],
      [{ action: 'setChannels', monitorIds: [m] }, 'channelIds'],
    ];
    for (const [body, field] of cases) expectIssue(await bulk(owner, body), field);
    for (const body of [{ action: 'pause', monitorIds: [m], tagId: 'x' }, { action: 'pause', monitorIds: [m], userId: 'x' }, [m], null]) {
      const res = await bulk(owner, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    const tooBig = await owner.request('POST', '/api/monitors/bulk', JSON.stringify({ action: 'pause', monitorIds: [m], pad: 'x'.repeat(1_100_000) }));
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.error.code).toBe('payload_too_large');
    expect((await new Api(app.url).post('/api/monitors/bulk', { action: 'pause', monitorIds: [m] })).status).toBe(401);
  });
});

describe('ten thousand monitors', () => {
  it('takes 10,000 ids in one body for every action', async () => {
    const api = await newUser();
    const ids = await insertMonitors(api.userId, 10_000);
    const t = await tag(api, 'all');
    const [h1, h2] = [await webhook(api, 'all-1'), await webhook(api, 'all-2')];

    // A 10,000-id body of long ids (about 690 KB) is read, not refused for its size: these are unknown.
    const long = Array.from({ length: 10_000 }, (_, i) => `${'u'.repeat(58)}${String(i).padStart(6, '0')}`);
    const unknown = await bulk(api, { action: 'pause', monitorIds: long });
    expectIssue(unknown, 'monitorIds');
    expect(unknown.body.error.issues[0].message).toMatch(/and 9995 more/);
    // One foreign id among 9,999 of the user's refuses them all.
    const foreign = (await monitor(stranger, 'one-of-many')).id;
    expectIssue(await bulk(api, { action: 'addTag', monitorIds: [...ids.slice(1), foreign], tagId: t }), 'monitorIds');
    expect((await api.get(`/api/tags/${t}`)).body.tag.monitorCount).toBe(0);

    expect((await bulk(api, { action: 'addTag', monitorIds: ids, tagId: t })).body).toEqual({ action: 'addTag', affected: 10_000 });
    expect((await api.get(`/api/tags/${t}`)).body.tag.monitorCount).toBe(10_000);
    const setChannels = await bulk(api, { action: 'setChannels', monitorIds: ids, channelIds: [h1, h2] });
    expect(setChannels.status, JSON.stringify(setChannels.body)).toBe(200);
    expect(setChannels.body).toEqual({ action: 'setChannels', affected: 10_000 });
    expect(await countRows(app, 'SELECT COUNT(*) AS n FROM "MonitorChannel" WHERE "channelId" IN (?, ?)', h1, h2)).toBe(20_000);
    expect((await bulk(api, { action: 'pause', monitorIds: ids })).body).toEqual({ action: 'pause', affected: 0 });
    // 10,000 monitors at 60 s are 166.67 checks a second: far past the budget, so none resumes.
    const resume = await bulk(api, { action: 'resume', monitorIds: ids });
    expectIssue(resume, 'monitorIds');
    expect(await countRows(app, 'SELECT COUNT(*) AS n FROM "Monitor" WHERE "userId" = ? AND "active" = ?', api.userId, app.engine === 'sqlite' ? 1 : true)).toBe(0);
    expect((await bulk(api, { action: 'removeTag', monitorIds: ids, tagId: t })).body).toEqual({ action: 'removeTag', affected: 10_000 });

    expect((await bulk(api, { action: 'delete', monitorIds: ids })).body).toEqual({ action: 'delete', affected: 10_000 });
    expect(await countRows(app, 'SELECT COUNT(*) AS n FROM "Monitor" WHERE "userId" = ?', api.userId)).toBe(0);
    expect(await countRows(app, 'SELECT COUNT(*) AS n FROM "MonitorChannel" WHERE "channelId" IN (?, ?)', h1, h2)).toBe(0);
    expect((await api.get('/api/monitors/summary')).body.total).toBe(0);
  });
});
