// Maintenance windows as the worker honours them, through the running server: checks go on and
// are stored marked as maintenance, their failures open no incident and send nothing, the API and
// a status page show the monitor under maintenance, and once the window is gone (deleted, or
// over) an outage alerts as usual. A monitor already DOWN keeps its incident and sends its UP,
// but no reminder, during a window; uptime is reported with and without maintenance; a window
// over all monitors covers one created after it, and only its owner's. Each test has its own
// user, webhook channel (a path on the fake provider) and loopback target, so they run together.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { Api, waitFor } from '../support/api';
import { startTarget, type TargetServer } from '../support/target-server';
import { startFakeProviders, type FakeProviders } from '../support/fake-providers';
import { countRows, queryDb } from '../support/app-db';

let app: AppServer;
let fake: FakeProviders;
const targets: TargetServer[] = [];

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

beforeAll(async () => {
  fake = await startFakeProviders();
  app = await startApp();
});
afterAll(async () => {
  await app?.dispose();
  await Promise.all([fake?.close(), ...targets.map((t) => t.close())]);
});

interface Setup {
  api: Api;
  /** The monitor as created. */
  m: { id: string; name: string };
  t: TargetServer;
  hookId: string;
}

/** A new user with a webhook channel and a 1-second monitor of a loopback target that answers `status`. */
async function setup(name: string, monitor: Record<string, unknown> = {}, status = 200): Promise<Setup> {
  const api = new Api(app.url);
  await api.signup();
  const t = await startTarget(status);
  targets.push(t);
  const hook = await api.post('/api/channels', { kind: 'webhook', name: 'Hook', settings: { url: `${fake.url}/hook/${encodeURIComponent(name)}` } });
  if (hook.status !== 201) throw new Error(`create channel: ${hook.status} ${JSON.stringify(hook.body)}`);
  const created = await api.post('/api/monitors', { name, url: t.url, intervalSeconds: 1, retries: 0, channelIds: [hook.body.channel.id], ...monitor });
  if (created.status !== 201) throw new Error(`create monitor: ${created.status} ${JSON.stringify(created.body)}`);
  return { api, m: created.body.monitor, t, hookId: hook.body.channel.id };
}

/** Alert kinds the fake provider received for the monitor, in order. */
const sent = (monitorId: string): string[] => fake.requests.filter((r) => r.json?.monitor?.id === monitorId).map((r) => r.json.kind);

async function window(api: Api, body: Record<string, unknown>) {
  const res = await api.post('/api/maintenance', body);
  if (res.status !== 201) throw new Error(`create window: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.maintenance;
}
const coveringNow = (title: string, extra: Record<string, unknown>) => ({ title, start: iso(Date.now() - 10 * MINUTE), end: iso(Date.now() + 60 * MINUTE), ...extra });

type CheckFilter = 'all' | 'maintenance' | 'maintenance DOWN' | 'maintenance UP' | 'DOWN outside maintenance';
const FILTERS: Record<CheckFilter, string> = {
  all: '',
  maintenance: 'AND "maintenance" = TRUE',
  'maintenance DOWN': `AND "maintenance" = TRUE AND "status" = 'DOWN'`,
  'maintenance UP': `AND "maintenance" = TRUE AND "status" = 'UP'`,
  'DOWN outside maintenance': `AND "maintenance" = FALSE AND "status" = 'DOWN'`,
};
/** Stored checks of the monitor, read from the database (the API does not say which were made during maintenance). */
const checks = (monitorId: string, which: CheckFilter = 'all') => countRows(app, `SELECT COUNT(*) AS n FROM "Check" WHERE "monitorId" = ? ${FILTERS[which]}`, monitorId);

/** Waits until `n` more checks of the kind are stored than now. */
async function moreChecks(monitorId: string, n: number, which: CheckFilter = 'all'): Promise<void> {
  const start = await checks(monitorId, which);
  await waitFor(async () => (await checks(monitorId, which)) >= start + n, 15_000, `${n} more ${which} checks`);
}

const monitorOf = async (api: Api, id: string) => (await api.get(`/api/monitors/${id}`)).body.monitor;
const incidentsOf = async (api: Api, id: string) => (await api.get(`/api/monitors/${id}/incidents`)).body.incidents as Array<{ ongoing: boolean; startedAt: string }>;
const alertKinds = async (api: Api, id: string) => ((await api.get(`/api/monitors/${id}/alerts`)).body.alerts as Array<{ kind: string }>).map((a) => a.kind);

async function statusPage(api: Api, monitorId: string, displayName: string): Promise<string> {
  const slug = `maintenance-${Math.random().toString(36).slice(2, 10)}`;
  const res = await api.post('/api/status-pages', { slug, title: 'Status', sections: [{ name: 'Core', monitors: [{ monitorId, displayName }] }] });
  if (res.status !== 201) throw new Error(`create status page: ${res.status} ${JSON.stringify(res.body)}`);
  return slug;
}
const summary = async (slug: string) => (await new Api(app.url).get(`/status/${slug}/summary.json`)).body;

describe.concurrent('during a maintenance window', () => {
  it('a failing monitor is checked and shown under maintenance, alerts nobody, and alerts once the window is deleted', async () => {
    const { api, m, t } = await setup('Shop API');
    await waitFor(async () => (await monitorOf(api, m.id)).status === 'UP', 10_000, 'UP');
    const slug = await statusPage(api, m.id, 'Shop');
    const w = await window(api, coveringNow('Database upgrade', { monitorIds: [m.id] }));
    expect(w.active).toBe(true);
    // Failing at once: the window is honoured from the moment the API answered.
    t.setStatus(503);
    await moreChecks(m.id, 3, 'maintenance DOWN');
    expect(await checks(m.id, 'DOWN outside maintenance')).toBe(0);
    expect(await incidentsOf(api, m.id)).toEqual([]);
    expect(await alertKinds(api, m.id)).toEqual([]);
    expect(sent(m.id)).toEqual([]);

    const shown = { id: w.id, title: 'Database upgrade', start: w.start, end: w.end };
    expect(await monitorOf(api, m.id)).toMatchObject({ status: 'MAINTENANCE', maintenance: shown });
    const listed = (await api.get('/api/monitors')).body.monitors.find((x: { id: string }) => x.id === m.id);
    expect(listed).toMatchObject({ status: 'MAINTENANCE', maintenance: shown });
    const page = await summary(slug);
    expect(page.status).toBe('maintenance');
    expect(page.components.map((c: { name: string; status: string }) => [c.name, c.status])).toEqual([['Shop', 'maintenance']]);
    expect(page.maintenance).toEqual([expect.objectContaining({ title: 'Database upgrade', start: w.start, end: w.end, active: true, affected: ['Shop'] })]);
    expect(page.outages).toEqual([]);

    // The window goes: the outage it hid is confirmed and alerted, once.
    expect((await api.delete(`/api/maintenance/${w.id}`)).status).toBe(204);
    await waitFor(async () => sent(m.id).length >= 1, 10_000, 'DOWN alert');
    expect(await monitorOf(api, m.id)).toMatchObject({ status: 'DOWN', maintenance: null });
    await moreChecks(m.id, 3, 'DOWN outside maintenance');
    expect(sent(m.id)).toEqual(['DOWN']);
    const incidents = await incidentsOf(api, m.id);
    expect(incidents).toHaveLength(1);
    expect(incidents[0].ongoing).toBe(true);

    t.setStatus(200);
    await waitFor(async () => sent(m.id).length >= 2, 10_000, 'UP alert');
    await moreChecks(m.id, 2);
    expect(sent(m.id)).toEqual(['DOWN', 'UP']);
    expect(await alertKinds(api, m.id)).toEqual(['UP', 'DOWN']);
    expect((await incidentsOf(api, m.id))[0].ongoing).toBe(false);

    // An upcoming window is listed on the page but changes nobody's status.
    const next = await window(api, { title: 'Next upgrade', monitorIds: [m.id], start: iso(Date.now() + 2 * 24 * 60 * MINUTE), end: iso(Date.now() + 2 * 24 * 60 * MINUTE + 30 * MINUTE) });
    expect(next).toMatchObject({ active: false, nextWindow: { start: next.start, end: next.end } });
    const later = await summary(slug);
    expect(later.status).toBe('operational');
    expect(later.components[0].status).toBe('operational');
    expect(later.maintenance).toEqual([expect.objectContaining({ title: 'Next upgrade', start: next.start, end: next.end, active: false, affected: ['Shop'] })]);
    expect(await monitorOf(api, m.id)).toMatchObject({ status: 'UP', maintenance: null });
    await api.delete(`/api/monitors/${m.id}`);
  });

  it('a monitor already DOWN keeps its incident, sends no reminder, and its recovery still sends the UP', async () => {
    const { api, m, t } = await setup('Checkout', { reminderIntervalMinutes: 1 });
    await waitFor(async () => (await monitorOf(api, m.id)).status === 'UP', 10_000, 'UP');
    t.setStatus(503);
    await waitFor(async () => sent(m.id).length >= 1, 10_000, 'DOWN alert');
    expect(sent(m.id)).toEqual(['DOWN']);

    const slug = await statusPage(api, m.id, 'Checkout');
    expect((await summary(slug)).components[0].status).toBe('down');

    const first = await window(api, coveringNow('Hotfix', { monitorIds: [m.id] }));
    await moreChecks(m.id, 2, 'maintenance DOWN');
    expect(await monitorOf(api, m.id)).toMatchObject({ status: 'MAINTENANCE', maintenance: { id: first.id } });
    expect((await incidentsOf(api, m.id)).map((i) => i.ongoing)).toEqual([true]);
    const page = await summary(slug);
    expect([page.status, page.components[0].status, page.outages]).toEqual(['maintenance', 'maintenance', []]);
    // The outage began ten minutes ago, so a reminder is due at every check that counts: none may go
    // out while the window lasts.
    const tenMinutesEarlier = app.engine === 'sqlite' ? '"startedAt" - 600000' : `"startedAt" - interval '10 minutes'`;
    await queryDb(app, `UPDATE "Incident" SET "startedAt" = ${tenMinutesEarlier} WHERE "monitorId" = ?`, m.id);
    await moreChecks(m.id, 4, 'maintenance DOWN');
    expect(sent(m.id)).toEqual(['DOWN']);
    expect(await alertKinds(api, m.id)).toEqual(['DOWN']);

    // Without the window the reminder that was due goes out, which shows the window held it back.
    await api.delete(`/api/maintenance/${first.id}`);
    await waitFor(async () => sent(m.id).length >= 2, 10_000, 'REMINDER alert');
    expect(sent(m.id)).toEqual(['DOWN', 'REMINDER']);

    const second = await window(api, coveringNow('Hotfix, again', { monitorIds: [m.id] }));
    await moreChecks(m.id, 1, 'maintenance DOWN');
    t.setStatus(200);
    await waitFor(async () => sent(m.id).length >= 3, 10_000, 'UP alert');
    await moreChecks(m.id, 2, 'maintenance UP');
    expect(sent(m.id)).toEqual(['DOWN', 'REMINDER', 'UP']);
    expect((await incidentsOf(api, m.id)).map((i) => i.ongoing)).toEqual([false]);
    expect(await monitorOf(api, m.id)).toMatchObject({ status: 'MAINTENANCE', maintenance: { id: second.id } });
    await api.delete(`/api/monitors/${m.id}`);
  });

  it('uptime is reported with maintenance counted and without it', async () => {
    const { api, m, t } = await setup('Search');
    await moreChecks(m.id, 3);
    await window(api, coveringNow('Reindex', { monitorIds: [m.id] }));
    await moreChecks(m.id, 1, 'maintenance UP');
    t.setStatus(503);
    await moreChecks(m.id, 3, 'maintenance DOWN');
    t.setStatus(200);
    await moreChecks(m.id, 1, 'maintenance UP');
    expect((await api.patch(`/api/monitors/${m.id}`, { active: false })).status).toBe(200);

    // Paused, the counts settle: the report must then agree with the stored checks exactly.
    let seen = -1;
    const report = await waitFor(async () => {
      const r = (await api.get(`/api/monitors/${m.id}/uptime?hours=1`)).body;
      const stored = await checks(m.id);
      const settled = r.totalChecks === stored && stored === seen;
      seen = stored;
      return settled ? r : null;
    }, 10_000, 'uptime counts to settle');
    const [total, maintenance, maintenanceDown] = await Promise.all([checks(m.id), checks(m.id, 'maintenance'), checks(m.id, 'maintenance DOWN')]);
    const up = total - maintenanceDown;
    expect(await checks(m.id, 'DOWN outside maintenance')).toBe(0);
    expect(report).toMatchObject({
      totalChecks: total,
      upChecks: up,
      maintenanceChecks: maintenance,
      uptimePercent: Math.round((up / total) * 10_000) / 100,
      uptimeExcludingMaintenancePercent: 100,
    });
    expect(report.uptimePercent).toBeLessThan(100);
    const buckets = report.buckets as Array<{ totalChecks: number; maintenanceChecks: number }>;
    expect(buckets.reduce((n, b) => n + b.maintenanceChecks, 0)).toBe(maintenance);
    expect(buckets.reduce((n, b) => n + b.totalChecks, 0)).toBe(total);
    await api.delete(`/api/monitors/${m.id}`);
  });

  it('a window over all monitors covers one created after it, and no other user’s', async () => {
    const owner = new Api(app.url);
    await owner.signup();
    const w = await window(owner, coveringNow('Data centre move', { allMonitors: true }));
    const t = await startTarget(503);
    targets.push(t);
    const hook = (await owner.post('/api/channels', { kind: 'webhook', name: 'Hook', settings: { url: `${fake.url}/hook/all-monitors` } })).body.channel.id;
    const m = (await owner.post('/api/monitors', { name: 'Created later', url: t.url, intervalSeconds: 1, retries: 0, channelIds: [hook] })).body.monitor;
    // Another user's failing monitor on the same target alerts as usual.
    const other = await setup('Not covered', {}, 503);
    await moreChecks(m.id, 3, 'maintenance DOWN');
    await waitFor(async () => sent(other.m.id).length >= 1, 10_000, 'the other user’s DOWN alert');
    expect(sent(other.m.id)).toEqual(['DOWN']);
    expect(await checks(other.m.id, 'maintenance')).toBe(0);

    expect(await checks(m.id, 'DOWN outside maintenance')).toBe(0);
    expect(await incidentsOf(owner, m.id)).toEqual([]);
    expect(sent(m.id)).toEqual([]);
    expect(await monitorOf(owner, m.id)).toMatchObject({ status: 'MAINTENANCE', maintenance: { id: w.id, title: 'Data centre move' } });
    expect(await monitorOf(other.api, other.m.id)).toMatchObject({ status: 'DOWN', maintenance: null });
    await owner.delete(`/api/monitors/${m.id}`);
    await other.api.delete(`/api/monitors/${other.m.id}`);
  });

  it('a weekly recurrence covering now, read in its time zone, is honoured like a one-off window', async () => {
    // Paused until the window exists: a first check before it (a busy machine) would be a DOWN outside it.
    const { api, m } = await setup('Reports', { active: false }, 503);
    // Kolkata is UTC+05:30 all year: the local times of an hour ago and an hour ahead, on the local
    // day of the start (the window may run past local midnight).
    const now = Date.now();
    const local = (ms: number) => new Date(ms + 5.5 * 60 * MINUTE);
    const hhmm = (d: Date) => d.toISOString().slice(11, 16);
    const from = local(now - 60 * MINUTE);
    const w = await window(api, {
      title: 'Weekly reports',
      monitorIds: [m.id],
      recurrence: { type: 'weekly', days: [from.getUTCDay()], startTime: hhmm(from), endTime: hhmm(local(now + 60 * MINUTE)) },
      timeZone: 'Asia/Kolkata',
    });
    const minute = (ms: number) => iso(Math.floor(ms / MINUTE) * MINUTE);
    const occurrence = { start: minute(now - 60 * MINUTE), end: minute(now + 60 * MINUTE) };
    expect(w).toMatchObject({ active: true, nextWindow: occurrence });
    const resumed = await api.patch(`/api/monitors/${m.id}`, { active: true });
    expect(resumed.status, JSON.stringify(resumed.body)).toBe(200);
    await moreChecks(m.id, 3, 'maintenance DOWN');
    expect(await checks(m.id, 'DOWN outside maintenance')).toBe(0);
    expect(await incidentsOf(api, m.id)).toEqual([]);
    expect(sent(m.id)).toEqual([]);
    expect(await monitorOf(api, m.id)).toMatchObject({ status: 'MAINTENANCE', maintenance: { id: w.id, title: 'Weekly reports', ...occurrence } });
    await api.delete(`/api/monitors/${m.id}`);
  });

  it('when a short window ends, a monitor still failing is confirmed as usual and alerts', async () => {
    const { api, m, t } = await setup('Payments', { retries: 1, retryIntervalSeconds: 1 });
    await waitFor(async () => (await monitorOf(api, m.id)).status === 'UP', 10_000, 'UP');
    const w = await window(api, { title: 'Short', monitorIds: [m.id], start: iso(Date.now() - MINUTE), end: iso(Date.now() + 12_000) });
    await moreChecks(m.id, 1, 'maintenance UP');
    t.setStatus(503);
    await moreChecks(m.id, 2, 'maintenance DOWN');
    expect(sent(m.id)).toEqual([]);

    await waitFor(async () => sent(m.id).length >= 1, 20_000, 'DOWN alert after the window');
    const [incident] = await incidentsOf(api, m.id);
    expect(Date.parse(incident.startedAt)).toBeGreaterThanOrEqual(Date.parse(w.end));
    // retries: 1 — the second failure outside the window confirmed it, and the incident starts at
    // the first of them; failures inside it counted for nothing. (Check rows are written in
    // batches, after the incident.)
    const sinceIncident = `SELECT COUNT(*) AS n FROM "Check" WHERE "monitorId" = ? AND "checkedAt" >= (SELECT "startedAt" FROM "Incident" WHERE "monitorId" = ?)`;
    await waitFor(async () => (await countRows(app, sinceIncident, m.id, m.id)) >= 1, 10_000, 'the check that opened the incident to be stored');
    const confirming = await countRows(
      app,
      `SELECT COUNT(*) AS n FROM "Check" WHERE "monitorId" = ? AND "maintenance" = FALSE AND "status" = 'DOWN' AND "checkedAt" <= (SELECT "startedAt" FROM "Incident" WHERE "monitorId" = ?)`,
      m.id,
      m.id,
    );
    expect(confirming).toBe(1);
    expect((await api.get(`/api/maintenance/${w.id}`)).body.maintenance).toMatchObject({ active: false, nextWindow: null });
    expect(await monitorOf(api, m.id)).toMatchObject({ status: 'DOWN', maintenance: null });

    t.setStatus(200);
    await waitFor(async () => sent(m.id).length >= 2, 10_000, 'UP alert');
    await moreChecks(m.id, 2);
    expect(sent(m.id)).toEqual(['DOWN', 'UP']);
    await api.delete(`/api/monitors/${m.id}`);
  });
});
