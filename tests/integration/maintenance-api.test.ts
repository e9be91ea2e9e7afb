// The maintenance window API through the running server: create, read, list, PATCH (merging the
// patch into the stored window) and delete; every bad body refused at its field with nothing
// stored; another user's windows and monitors unreachable; and `active` / `nextWindow` computed
// for one-off windows and for weekly and cron recurrences across daylight-saving changes (bounded
// with start/end so the occurrence asked about lies in 2027 whatever today's date is).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { Api } from '../support/api';
import { startTarget, type TargetServer } from '../support/target-server';
import { countRows } from '../support/app-db';

let app: AppServer;
let target: TargetServer;
let owner: Api;
let stranger: Api;
/** The owner's monitors (paused: these tests read windows, not checks) and one of the stranger's. */
let m1: string;
let m2: string;
let foreign: string;

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const windowRows = () => countRows(app, 'SELECT COUNT(*) AS n FROM "Maintenance"');
const linkRows = () => countRows(app, 'SELECT COUNT(*) AS n FROM "MaintenanceMonitor"');

async function pausedMonitor(api: Api, name: string): Promise<string> {
  const res = await api.post('/api/monitors', { name, url: target.url, active: false });
  if (res.status !== 201) throw new Error(`create monitor: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.monitor.id;
}

/** Creates a window and returns it, failing loudly when the API refuses it. */
async function create(body: Record<string, unknown>, api = owner) {
  const res = await api.post('/api/maintenance', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.maintenance;
}

/** A window starting a while ago and ending in an hour: covers now. */
const coveringNow = (extra: Record<string, unknown> = {}) => ({
  title: 'Database upgrade',
  monitorIds: [m1],
  start: iso(Date.now() - 10 * MINUTE),
  end: iso(Date.now() + 60 * MINUTE),
  ...extra,
});

function expectIssue(res: { status: number; body: any }, path: (string | number)[]) {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.error.code).toBe('validation_failed');
  const paths: unknown[][] = res.body.error.issues.map((i: { path: unknown[] }) => i.path);
  expect(paths.some((p) => path.every((seg, i) => p[i] === seg)), `issues ${JSON.stringify(res.body.error.issues)} name ${JSON.stringify(path)}`).toBe(true);
}

beforeAll(async () => {
  [app, target] = await Promise.all([startApp(), startTarget(200)]);
  owner = new Api(app.url);
  stranger = new Api(app.url);
  await owner.signup();
  await stranger.signup();
  [m1, m2, foreign] = await Promise.all([pausedMonitor(owner, 'API'), pausedMonitor(owner, 'Web'), pausedMonitor(stranger, 'Theirs')]);
});
afterAll(async () => {
  await Promise.all([app?.dispose(), target?.close()]);
});
// Each test starts with no windows, even after one that failed half-way.
afterEach(async () => {
  for (const api of [owner, stranger]) {
    for (const w of (await api.get('/api/maintenance')).body.maintenance) await api.delete(`/api/maintenance/${w.id}`);
  }
});

const KEYS = ['id', 'title', 'allMonitors', 'monitorIds', 'start', 'end', 'recurrence', 'timeZone', 'active', 'nextWindow', 'createdAt', 'updatedAt'];

describe('maintenance windows for their owner', () => {
  it('creates, reads, lists, patches and deletes a one-off window', async () => {
    const body = coveringNow();
    const w = await create(body);
    expect(Object.keys(w).sort()).toEqual([...KEYS].sort());
    expect(w).toMatchObject({
      title: 'Database upgrade',
      allMonitors: false,
      monitorIds: [m1],
      start: body.start,
      end: body.end,
      recurrence: null,
      timeZone: 'UTC',
      active: true,
      nextWindow: { start: body.start, end: body.end },
    });
    expect(new Date(w.createdAt).toISOString()).toBe(w.createdAt);

    expect((await owner.get(`/api/maintenance/${w.id}`)).body.maintenance).toEqual(w);
    const list = await owner.get('/api/maintenance');
    expect(list.status).toBe(200);
    expect(list.body.maintenance.map((x: { id: string }) => x.id)).toContain(w.id);

    // Only the title changes; everything else is as stored.
    const renamed = await owner.patch(`/api/maintenance/${w.id}`, { title: 'Database upgrade, part 2' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.maintenance).toMatchObject({ ...w, title: 'Database upgrade, part 2', updatedAt: expect.any(String) });
    expect(Date.parse(renamed.body.maintenance.updatedAt)).toBeGreaterThanOrEqual(Date.parse(w.updatedAt));

    // allMonitors replaces the list; naming monitors again turns it off.
    const all = (await owner.patch(`/api/maintenance/${w.id}`, { allMonitors: true })).body.maintenance;
    expect(all).toMatchObject({ allMonitors: true, monitorIds: [], title: 'Database upgrade, part 2', start: body.start, end: body.end });
    expect(await linkRows()).toBe(0);
    const named = (await owner.patch(`/api/maintenance/${w.id}`, { monitorIds: [m2, m1] })).body.maintenance;
    expect(named.allMonitors).toBe(false);
    expect([...named.monitorIds].sort()).toEqual([m1, m2].sort());

    // A new end keeps the start; a recurrence turns start and end into bounds.
    const later = iso(Date.now() + 120 * MINUTE);
    expect((await owner.patch(`/api/maintenance/${w.id}`, { end: later })).body.maintenance).toMatchObject({ start: body.start, end: later, active: true });
    const weekly = { type: 'weekly', days: [1, 3], startTime: '22:00', endTime: '23:00' };
    const recurring = (await owner.patch(`/api/maintenance/${w.id}`, { recurrence: weekly, timeZone: 'europe/berlin' })).body.maintenance;
    expect(recurring).toMatchObject({ recurrence: weekly, timeZone: 'Europe/Berlin', start: body.start, end: later });
    expect((await owner.get(`/api/maintenance/${w.id}`)).body.maintenance).toEqual(recurring);

    expect((await owner.delete(`/api/maintenance/${w.id}`)).status).toBe(204);
    expect((await owner.get(`/api/maintenance/${w.id}`)).status).toBe(404);
    expect((await owner.delete(`/api/maintenance/${w.id}`)).status).toBe(404);
    expect(await windowRows()).toBe(0);
    expect(await linkRows()).toBe(0);
  });

  it('accepts day names, alternative spellings and a cron recurrence without start or end', async () => {
    const weekly = await create({ title: 'Weekly', allMonitors: true, recurrence: { kind: 'weekly', weekdays: ['Sunday', 'wed'], startTime: '02:00', endTime: '04:00' }, timeZone: 'Europe/Berlin' });
    expect(weekly).toMatchObject({ allMonitors: true, monitorIds: [], start: null, end: null, recurrence: { type: 'weekly', days: [0, 3], startTime: '02:00', endTime: '04:00' } });
    // Unbounded, a weekly window is always at most a week away.
    const next = weekly.nextWindow;
    expect(Date.parse(next.start) - Date.now()).toBeLessThan(7 * 24 * 60 * MINUTE);
    expect(Date.parse(next.end)).toBeGreaterThan(Date.parse(next.start));
    const cron = await create({ title: 'Nightly', monitorIds: [m1], recurrence: { type: 'cron', cron: '30 1 * * *', durationMinutes: 45 }, timeZone: 'UTC' });
    expect(cron).toMatchObject({ start: null, end: null, recurrence: { type: 'cron', cron: '30 1 * * *', durationMinutes: 45 } });
    expect(new Date(cron.nextWindow.start).getUTCHours()).toBe(1);
    expect(Date.parse(cron.nextWindow.end) - Date.parse(cron.nextWindow.start)).toBe(45 * MINUTE);
    const aliases = await create({ title: 'Aliases', monitorIds: [m2], startsAt: '2027-06-01T10:00:00+02:00', endsAt: '2027-06-01T12:00:00+02:00' });
    expect(aliases).toMatchObject({ start: '2027-06-01T08:00:00.000Z', end: '2027-06-01T10:00:00.000Z' });
    for (const w of [weekly, cron, aliases]) expect((await owner.delete(`/api/maintenance/${w.id}`)).status).toBe(204);
  });
});

describe('active and nextWindow', () => {
  it('a one-off window now, a future one and a past one', async () => {
    const now = Date.now();
    const current = await create(coveringNow());
    expect(current).toMatchObject({ active: true, nextWindow: { start: current.start, end: current.end } });
    const future = await create({ title: 'Tomorrow', monitorIds: [m1], start: iso(now + 24 * 60 * MINUTE), end: iso(now + 25 * 60 * MINUTE) });
    expect(future).toMatchObject({ active: false, nextWindow: { start: future.start, end: future.end } });
    const past = await create({ title: 'Yesterday', monitorIds: [m1], start: iso(now - 25 * 60 * MINUTE), end: iso(now - 24 * 60 * MINUTE) });
    expect(past).toMatchObject({ active: false, nextWindow: null });
    // The list computes the same.
    const listed = (await owner.get('/api/maintenance')).body.maintenance as Array<{ id: string; active: boolean }>;
    expect(Object.fromEntries(listed.map((w) => [w.id, w.active]))).toMatchObject({ [current.id]: true, [future.id]: false, [past.id]: false });
    // A cron window every minute lasting two: always open, the current occurrence began at most a minute ago.
    const always = await create({ title: 'Always', monitorIds: [m2], recurrence: { type: 'cron', cron: '* * * * *', durationMinutes: 2 } });
    expect(always.active).toBe(true);
    expect(Date.parse(always.nextWindow.start)).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(always.nextWindow.end)).toBeGreaterThan(now);
  });

  // Sunday 02:00-04:00 in Berlin. On 2027-03-28 clocks go from 02:00 CET to 03:00 CEST, so 02:00
  // does not exist: the window opens at 03:00 CEST (01:00Z) and closes at 04:00 CEST (02:00Z).
  // On 2027-10-31 02:00 happens twice: the first (CEST, 00:00Z) opens it, 04:00 CET (03:00Z) ends it.
  it.each([
    ['the winter Sunday before', '2027-03-20T00:00:00Z', ['2027-03-21T01:00:00.000Z', '2027-03-21T03:00:00.000Z']],
    ['the spring-forward night', '2027-03-27T00:00:00Z', ['2027-03-28T01:00:00.000Z', '2027-03-28T02:00:00.000Z']],
    ['the summer Sunday after', '2027-03-29T00:00:00Z', ['2027-04-04T00:00:00.000Z', '2027-04-04T02:00:00.000Z']],
    ['the fall-back night', '2027-10-30T00:00:00Z', ['2027-10-31T00:00:00.000Z', '2027-10-31T03:00:00.000Z']],
  ])('weekly in Europe/Berlin from %s', async (_name, start, expected) => {
    const w = await create({
      title: 'Sunday night',
      monitorIds: [m1],
      recurrence: { type: 'weekly', days: ['sun'], startTime: '02:00', endTime: '04:00' },
      timeZone: 'Europe/Berlin',
      start,
    });
    expect(w).toMatchObject({ active: false, start: new Date(start).toISOString(), end: null, nextWindow: { start: expected[0], end: expected[1] } });
    expect((await owner.get(`/api/maintenance/${w.id}`)).body.maintenance.nextWindow).toEqual({ start: expected[0], end: expected[1] });
  });

  it('a weekly window bounded by an end before its next occurrence has none', async () => {
    const w = await create({
      title: 'Bounded',
      monitorIds: [m1],
      recurrence: { type: 'weekly', days: [0], startTime: '02:00', endTime: '04:00' },
      timeZone: 'Europe/Berlin',
      start: '2027-03-27T00:00:00Z',
      end: '2027-03-28T00:30:00Z',
    });
    expect(w).toMatchObject({ active: false, nextWindow: null });
  });

  // 0 2 * * 0 for 120 minutes in New York. On 2027-03-14 clocks go from 02:00 EST to 03:00 EDT: a
  // fixed-time pattern in the gap runs at the first time after it (03:00 EDT, 07:00Z), and the window
  // lasts 120 minutes of real time.
  it.each([
    ['the winter Sunday before', '2027-03-01T00:00:00Z', ['2027-03-07T07:00:00.000Z', '2027-03-07T09:00:00.000Z']],
    ['the spring-forward night', '2027-03-08T00:00:00Z', ['2027-03-14T07:00:00.000Z', '2027-03-14T09:00:00.000Z']],
    ['the summer Sunday after', '2027-03-15T00:00:00Z', ['2027-03-21T06:00:00.000Z', '2027-03-21T08:00:00.000Z']],
  ])('cron in America/New_York from %s', async (_name, start, expected) => {
    const w = await create({ title: 'Cron', monitorIds: [m2], recurrence: { type: 'cron', cron: '0 2 * * 0', durationMinutes: 120 }, timeZone: 'America/New_York', start });
    expect(w).toMatchObject({ active: false, timeZone: 'America/New_York', nextWindow: { start: expected[0], end: expected[1] } });
  });
});

describe('monitors covered by a window', () => {
  it('allMonitors covers each of the owner’s monitors, a list only those named, and never another user’s', async () => {
    const maintenanceOf = async (api: Api, id: string) => (await api.get(`/api/monitors/${id}`)).body.monitor.maintenance;
    expect(await maintenanceOf(owner, m1)).toBeNull();
    const named = await create(coveringNow({ title: 'Only API', monitorIds: [m1] }));
    expect(await maintenanceOf(owner, m1)).toEqual({ id: named.id, title: 'Only API', start: named.start, end: named.end });
    expect(await maintenanceOf(owner, m2)).toBeNull();
    await owner.delete(`/api/maintenance/${named.id}`);

    const all = await create(coveringNow({ title: 'Everything', monitorIds: undefined, allMonitors: true }));
    const later = await pausedMonitor(owner, 'Added later');
    const listed = (await owner.get('/api/monitors')).body.monitors as Array<{ id: string; maintenance: { id: string } | null }>;
    for (const id of [m1, m2, later]) expect(listed.find((m) => m.id === id)?.maintenance?.id, id).toBe(all.id);
    expect(await maintenanceOf(stranger, foreign)).toBeNull();
    await owner.delete(`/api/maintenance/${all.id}`);
    expect(await maintenanceOf(owner, m1)).toBeNull();

    // A deleted monitor leaves the windows that named it.
    const both = await create(coveringNow({ title: 'Both', monitorIds: [later, m1] }));
    expect((await owner.delete(`/api/monitors/${later}`)).status).toBe(204);
    expect((await owner.get(`/api/maintenance/${both.id}`)).body.maintenance.monitorIds).toEqual([m1]);
  });
});

describe('validation', () => {
  const bad: Array<[string, () => Record<string, unknown>, (string | number)[]]> = [
    ['an unknown time zone', () => coveringNow({ timeZone: 'Mars/Olympus_Mons' }), ['timeZone']],
    ['an end before the start', () => coveringNow({ end: iso(Date.now() - 20 * MINUTE) }), ['end']],
    ['an end equal to the start', () => coveringNow({ start: '2027-01-01T00:00:00Z', end: '2027-01-01T00:00:00Z' }), ['end']],
    ['a start without an offset', () => coveringNow({ start: '2027-01-01T00:00:00' }), ['start']],
    ['a start that is not a date', () => coveringNow({ start: 'tomorrow' }), ['start']],
    ['neither monitors nor allMonitors', () => coveringNow({ monitorIds: undefined }), ['monitorIds']],
    ['an empty monitor list', () => coveringNow({ monitorIds: [] }), ['monitorIds']],
    ['both allMonitors and monitors', () => coveringNow({ allMonitors: true }), ['monitorIds']],
    ['another user’s monitor', () => coveringNow({ monitorIds: [m1, foreign] }), ['monitorIds']],
    ['a monitor that does not exist', () => coveringNow({ monitorIds: ['no-such-monitor'] }), ['monitorIds']],
    ['neither start and end nor a recurrence', () => ({ title: 'x', monitorIds: [m1] }), ['start']],
    ['a start but no end nor recurrence', () => ({ title: 'x', monitorIds: [m1], start: '2027-01-01T00:00:00Z' }), ['end']],
    ['no title', () => coveringNow({ title: undefined }), ['title']],
    ['a blank title', () => coveringNow({ title: '   ' }), ['title']],
    ['a start time of 25:00', () => ({ title: 'x', monitorIds: [m1], recurrence: { type: 'weekly', days: [0], startTime: '25:00', endTime: '04:00' } }), ['recurrence', 'startTime']],
    ['an end time of 2:00', () => ({ title: 'x', monitorIds: [m1], recurrence: { type: 'weekly', days: [0], startTime: '01:00', endTime: '2:00' } }), ['recurrence', 'endTime']],
    ['an end time of 04:60', () => ({ title: 'x', monitorIds: [m1], recurrence: { type: 'weekly', days: [0], startTime: '01:00', endTime: '04:60' } }), ['recurrence', 'endTime']],
    ['day 7', () => ({ title: 'x', monitorIds: [m1], recurrence: { type: 'weekly', days: [7], startTime: '01:00', endTime: '02:00' } }), ['recurrence', 'days']],
    ['an unknown day name', () => ({ title: 'x', monitorIds: [m1], recurrence: { type: 'weekly', days: ['someday'], startTime: '01:00', endTime: '02:00' } }), ['recurrence', 'days']],
    ['no days', () => ({ title: 'x', monitorIds: [m1], recurrence: { type: 'weekly', days: [], startTime: '01:00', endTime: '02:00' } }), ['recurrence', 'days']],
    ['a cron that does not parse', () => ({ title: 'x', monitorIds: [m1], recurrence: { type: 'cron', cron: 'every sunday', durationMinutes: 60 } }), ['recurrence', 'cron']],
    ['a cron with four fields', () => ({ title: 'x', monitorIds: [m1], recurrence: { type: 'cron', cron: '0 2 * *', durationMinutes: 60 } }), ['recurrence', 'cron']],
    ['a cron with an hour of 24', () => ({ title: 'x', monitorIds: [m1], recurrence: { type: 'cron', cron: '0 24 * * *', durationMinutes: 60 } }), ['recurrence', 'cron']],
    ['a cron that never matches', () => ({ title: 'x', monitorIds: [m1], recurrence: { type: 'cron', cron: '0 0 31 2 *', durationMinutes: 60 } }), ['recurrence', 'cron']],
    ['a cron without a duration', () => ({ title: 'x', monitorIds: [m1], recurrence: { type: 'cron', cron: '0 2 * * 0' } }), ['recurrence', 'durationMinutes']],
    ['a duration of 0', () => ({ title: 'x', monitorIds: [m1], recurrence: { type: 'cron', cron: '0 2 * * 0', durationMinutes: 0 } }), ['recurrence', 'durationMinutes']],
    ['an unknown recurrence type', () => ({ title: 'x', monitorIds: [m1], recurrence: { type: 'monthly', day: 1 } }), ['recurrence']],
    ['a recurrence in an unknown zone', () => ({ title: 'x', monitorIds: [m1], recurrence: { type: 'cron', cron: '0 2 * * 0', durationMinutes: 60 }, timeZone: 'Nowhere/Special' }), ['timeZone']],
  ];

  it.each(bad)('POST with %s: 400 naming the field, nothing stored', async (_name, body, path) => {
    const before = await windowRows();
    expectIssue(await owner.post('/api/maintenance', body()), path);
    expect(await windowRows()).toBe(before);
  });

  it('refuses bodies that are not a window', async () => {
    const before = await windowRows();
    for (const body of [coveringNow({ colour: 'red' }), coveringNow({ id: 'mine' }), [coveringNow()], 'null', '{not json']) {
      const res = await owner.post('/api/maintenance', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect(await windowRows()).toBe(before);
  });

  it('a bad PATCH names the field and leaves the window as it was', async () => {
    const w = await create(coveringNow({ title: 'Keep me' }));
    const all = await create(coveringNow({ title: 'All', monitorIds: undefined, allMonitors: true }));
    const cases: Array<[string, Record<string, unknown>, (string | number)[]]> = [
      [w.id, { timeZone: 'Mars/Olympus_Mons' }, ['timeZone']],
      [w.id, { end: iso(Date.parse(w.start) - MINUTE) }, ['end']],
      [w.id, { start: iso(Date.parse(w.end) + MINUTE) }, ['end']],
      [w.id, { start: null }, ['start']],
      [w.id, { monitorIds: [foreign] }, ['monitorIds']],
      [w.id, { monitorIds: [] }, ['monitorIds']],
      [w.id, { title: '' }, ['title']],
      [w.id, { recurrence: { type: 'weekly', days: [0], startTime: '24:00', endTime: '02:00' } }, ['recurrence', 'startTime']],
      [w.id, { recurrence: { type: 'cron', cron: '61 * * * *', durationMinutes: 10 } }, ['recurrence', 'cron']],
      [all.id, { allMonitors: false }, ['monitorIds']],
    ];
    for (const [id, patch, path] of cases) expectIssue(await owner.patch(`/api/maintenance/${id}`, patch), path);
    expect((await owner.get(`/api/maintenance/${w.id}`)).body.maintenance).toMatchObject({ ...w, updatedAt: w.updatedAt });
    expect((await owner.get(`/api/maintenance/${all.id}`)).body.maintenance).toMatchObject({ ...all, updatedAt: all.updatedAt });
  });

  it('a PATCH naming both allMonitors and monitors is refused, as the same POST is', async () => {
    const body = { allMonitors: true, monitorIds: [m1] };
    expectIssue(await owner.post('/api/maintenance', coveringNow(body)), ['monitorIds']);
    const all = await create(coveringNow({ title: 'All', monitorIds: undefined, allMonitors: true }));
    const named = await create(coveringNow({ title: 'Named', monitorIds: [m2] }));
    for (const w of [all, named]) {
      expectIssue(await owner.patch(`/api/maintenance/${w.id}`, body), ['monitorIds']);
      expect((await owner.get(`/api/maintenance/${w.id}`)).body.maintenance).toEqual(w);
    }
  });
});

describe('another user', () => {
  it('gets 404 on every route of a window they do not own, sees none of them, and changes nothing', async () => {
    const w = await create(coveringNow({ title: 'Private' }));
    for (const path of [`/api/maintenance/${w.id}`, '/api/maintenance/does-not-exist']) {
      const results = await Promise.all([
        stranger.get(path),
        stranger.patch(path, { title: 'pwned' }),
        stranger.put(path, { title: 'pwned' }),
        stranger.delete(path),
      ]);
      for (const r of results) {
        expect(r.status).toBe(404);
        expect(r.body.error.code).toBe('not_found');
      }
    }
    expect((await stranger.get('/api/maintenance')).body.maintenance).toEqual([]);
    // Nor can they name the owner's monitors in a window of their own.
    expectIssue(await stranger.post('/api/maintenance', coveringNow({ monitorIds: [m1] })), ['monitorIds']);
    // Their allMonitors window covers only their own monitors.
    const theirs = await create(coveringNow({ title: 'Theirs', monitorIds: undefined, allMonitors: true }), stranger);
    expect((await owner.get(`/api/monitors/${m2}`)).body.monitor.maintenance).toBeNull();
    expect((await stranger.get(`/api/monitors/${foreign}`)).body.monitor.maintenance?.id).toBe(theirs.id);
    expect((await owner.get('/api/maintenance')).body.maintenance.map((x: { id: string }) => x.id)).toEqual([w.id]);
    expect((await owner.get(`/api/maintenance/${w.id}`)).body.maintenance).toEqual(w);

    const anonymous = new Api(app.url);
    for (const r of [await anonymous.get('/api/maintenance'), await anonymous.post('/api/maintenance', coveringNow()), await anonymous.get(`/api/maintenance/${w.id}`)]) {
      expect(r.status).toBe(401);
    }
  });
});
