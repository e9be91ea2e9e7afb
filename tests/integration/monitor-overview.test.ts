// GET /api/monitors/:id/overview, the monitor page in one request, through the running server:
// its parts agree with the endpoints they stand for (the monitor, /uptime for 24 h, 7 d, 30 d
// and the requested window, /timings, /checks, /incidents, /alerts) and with a history of known
// numbers: checks written straight into the database over 30 days, at times clear of every
// bucket edge, plus real manual checks that open and close incidents and send webhook alerts.
// Another user's monitor is a 404; a bad `hours` a 400.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { Api, waitFor } from '../support/api';
import { startTarget, type TargetServer } from '../support/target-server';
import { DAY_MS, HOUR_MS, percent, seedChecks, seedOutage, type SeedCheck } from './status-page-support';

let app: AppServer;
let target: TargetServer;
let hooks: TargetServer;
let owner: Api;
let stranger: Api;

beforeAll(async () => {
  [app, target, hooks] = await Promise.all([startApp(), startTarget(200), startTarget(200)]);
  owner = new Api(app.url);
  stranger = new Api(app.url);
  await owner.signup();
  await stranger.signup();
});
afterAll(async () => {
  await Promise.all([app?.dispose(), target?.close(), hooks?.close()]);
});

const OVERVIEW_KEYS = ['monitor', 'summary', 'report', 'hours', 'timings', 'checks', 'incidents', 'alerts'];

async function overview(id: string, query = '') {
  const res = await owner.get(`/api/monitors/${id}/overview${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}
const get = async (path: string) => {
  const res = await owner.get(path);
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
};
/** Bucket bounds follow the moment of each request; everything else must match. */
const withoutBounds = <T extends { buckets: Array<{ start: string; end: string }> }>(r: T) => ({ ...r, buckets: r.buckets.map(({ start: _s, end: _e, ...rest }) => rest) });
/** An ongoing incident's duration grows between two requests. */
const withoutOngoingDuration = (incidents: any[]) => incidents.map((i) => (i.ongoing ? { ...i, durationSeconds: 0 } : i));

function expectIssue(res: { status: number; body: any }, field: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.error.code).toBe('validation_failed');
  expect(res.body.error.issues.map((i: { path: unknown[] }) => i.path[0]), JSON.stringify(res.body.error.issues)).toContain(field);
}

/**
 * Ages in hours, each clear of the bucket edges of every window asked for (6 h: 15 min buckets,
 * 24 h: 1 h, 7 d: 7 h, 30 d: 30 h), so a few seconds between two requests move no check.
 */
const HISTORY: Array<[ageHours: number, status: 'UP' | 'DOWN']> = [
  [0.3, 'UP'], [1.2, 'DOWN'], [2.6, 'UP'], [5.1, 'UP'],
  ...Array.from({ length: 10 }, (_, i): [number, 'UP'] => [3.1 + i * 0.01, 'UP']),
  [10.4, 'UP'], [20.6, 'DOWN'],
  [3 * 24, 'UP'], [5.2 * 24, 'DOWN'], [6.5 * 24, 'UP'],
  [10.3 * 24, 'UP'], [19.7 * 24, 'DOWN'], [29 * 24, 'UP'],
];

describe('the overview of a monitor with history', () => {
  it('agrees with the separate endpoints and with the history it was given', async () => {
    const hook = (await owner.post('/api/channels', { kind: 'webhook', name: 'Hook', settings: { url: `${hooks.url}alerts` } })).body.channel.id;
    const m = (await owner.post('/api/monitors', { name: 'Shop', url: target.url, active: false, retries: 0, channelIds: [hook] })).body.monitor;
    const now = Date.now();
    const seeded: SeedCheck[] = HISTORY.map(([age, status], i) => ({ status, at: now - age * HOUR_MS, latencyMs: 100 + i }));
    await seedChecks(app, m.id, seeded);
    await seedOutage(app, m.id, now - 5.2 * DAY_MS - 60_000, now - 5.2 * DAY_MS + 600_000);

    // Real checks now: up, down (an incident opens, DOWN alert), up (it closes, UP alert), down again (still open).
    const manual: Array<'UP' | 'DOWN'> = [];
    const check = async (code: number) => {
      target.setStatus(code);
      const res = await owner.post(`/api/monitors/${m.id}/check`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      manual.push(res.body.check.status);
    };
    for (const code of [200, 200, 200, 500, 200, 500]) await check(code);
    target.setStatus(200);
    expect(manual).toEqual(['UP', 'UP', 'UP', 'DOWN', 'UP', 'DOWN']);
    await waitFor(async () => {
      const { alerts } = await get(`/api/monitors/${m.id}/alerts`);
      return alerts.length === 3 && alerts.every((a: { state: string }) => a.state === 'delivered');
    }, 20_000, 'three delivered alerts');

    const ov = await overview(m.id, '?hours=6');
    expect(Object.keys(ov).sort()).toEqual([...OVERVIEW_KEYS].sort());
    expect(ov.hours).toBe(6);

    // The known numbers: each window's checks, the seeded and the manual ones.
    const inWindow = (hours: number) => [...seeded.filter((c) => c.at > now - hours * HOUR_MS).map((c) => c.status), ...manual];
    const expected = (hours: number) => {
      const statuses = inWindow(hours);
      const up = statuses.filter((s) => s === 'UP').length;
      return { totalChecks: statuses.length, upChecks: up, uptimePercent: percent(up, statuses.length) };
    };
    expect(expected(6).totalChecks).toBe(20);
    expect(expected(720).totalChecks).toBe(28);
    expect(ov.summary).toEqual({ h24: expected(24).uptimePercent, d7: expected(168).uptimePercent, d30: expected(720).uptimePercent });
    expect(ov.report).toMatchObject(expected(6));
    expect(ov.report.buckets).toHaveLength(24);

    // ... and what the separate endpoints say.
    const [u6, u24, u168, u720, timings, checks, incidents, alerts, monitor] = await Promise.all([
      get(`/api/monitors/${m.id}/uptime?hours=6`),
      get(`/api/monitors/${m.id}/uptime?hours=24`),
      get(`/api/monitors/${m.id}/uptime?hours=168`),
      get(`/api/monitors/${m.id}/uptime?hours=720`),
      get(`/api/monitors/${m.id}/timings?hours=6`),
      get(`/api/monitors/${m.id}/checks?limit=20`),
      get(`/api/monitors/${m.id}/incidents?limit=20`),
      get(`/api/monitors/${m.id}/alerts?limit=20`),
      get(`/api/monitors/${m.id}`),
    ]);
    expect(ov.summary).toEqual({ h24: u24.uptimePercent, d7: u168.uptimePercent, d30: u720.uptimePercent });
    for (const [hours, u] of [[24, u24], [168, u168], [720, u720]] as const) expect(u).toMatchObject(expected(hours));
    expect(withoutBounds(ov.report)).toEqual(withoutBounds(u6));
    expect(withoutBounds(ov.timings)).toEqual(withoutBounds(timings));
    expect(ov.timings.buckets.reduce((n: number, b: { samples: number }) => n + b.samples, 0)).toBeGreaterThan(0);
    expect(ov.checks).toEqual(checks);
    expect(ov.checks.checks).toHaveLength(20);
    expect(ov.checks.nextCursor).toEqual(expect.any(String));
    expect(withoutOngoingDuration(ov.incidents)).toEqual(withoutOngoingDuration(incidents.incidents));
    expect(ov.incidents.map((i: { ongoing: boolean }) => i.ongoing)).toEqual([true, false, false]);
    expect(ov.alerts).toEqual(alerts.alerts);
    expect(ov.alerts.map((a: { kind: string }) => a.kind)).toEqual(['DOWN', 'UP', 'DOWN']);
    expect(ov.monitor).toEqual(monitor.monitor);
    expect(ov.monitor.status).toBe('DOWN');

    // The checks page continues where the overview's stops.
    const rest = await get(`/api/monitors/${m.id}/checks?limit=20&before=${ov.checks.nextCursor}`);
    expect(rest.nextCursor).toBeNull();
    expect(new Set([...ov.checks.checks, ...rest.checks].map((c: { id: string }) => c.id)).size).toBe(28);

    // Without hours the window is 24 h; at 720 h it is the 30-day report.
    const day = await overview(m.id);
    expect(day.hours).toBe(24);
    expect(withoutBounds(day.report)).toEqual(withoutBounds(u24));
    const month = await overview(m.id, '?hours=720');
    expect(withoutBounds(month.report)).toEqual(withoutBounds(u720));
    expect(month.report.uptimePercent).toBe(month.summary.d30);
    const hour = await overview(m.id, '?hours=1');
    expect(hour.report).toMatchObject(expected(1));
    expect(hour.report.totalChecks).toBe(7);
  });

  it('answers with empty parts for a monitor with no history', async () => {
    const m = (await owner.post('/api/monitors', { name: 'New', url: target.url, active: false })).body.monitor;
    const ov = await overview(m.id);
    expect(ov.summary).toEqual({ h24: null, d7: null, d30: null });
    expect(ov.report).toMatchObject({ totalChecks: 0, upChecks: 0, uptimePercent: null, avgLatencyMs: null });
    expect(ov.checks).toEqual({ checks: [], nextCursor: null });
    expect(ov.incidents).toEqual([]);
    expect(ov.alerts).toEqual([]);
    expect(ov.monitor).toEqual((await get(`/api/monitors/${m.id}`)).monitor);
  });
});

describe('refusals', () => {
  it('answers 404 for another user’s or a missing monitor, and 401 when not signed in', async () => {
    const m = (await owner.post('/api/monitors', { name: 'Private', url: target.url, active: false })).body.monitor;
    for (const path of [`/api/monitors/${m.id}/overview`, `/api/monitors/${m.id}/overview?hours=6`, '/api/monitors/no-such-monitor/overview']) {
      const res = await stranger.get(path);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    expect((await owner.get('/api/monitors/no-such-monitor/overview')).status).toBe(404);
    expect((await new Api(app.url).get(`/api/monitors/${m.id}/overview`)).status).toBe(401);
  });

  it('refuses hours outside 1..720 with 400 naming hours', async () => {
    const m = (await owner.post('/api/monitors', { name: 'Hours', url: target.url, active: false })).body.monitor;
    for (const hours of ['0', '721', 'x', '1.5', '-1', '']) {
      expectIssue(await owner.get(`/api/monitors/${m.id}/overview?hours=${hours}`), 'hours');
    }
    expect((await owner.get(`/api/monitors/${m.id}/overview?hours=6&limit=5`)).status).toBe(400);
    for (const hours of ['1', '720']) expect((await owner.get(`/api/monitors/${m.id}/overview?hours=${hours}`)).status).toBe(200);
  });
});
