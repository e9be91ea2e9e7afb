import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { Api, waitFor } from '../support/api';
import { startTarget, type TargetServer } from '../support/target-server';
import { countRows, queryRow } from '../support/app-db';

let app: AppServer;
let target: TargetServer;
let owner: Api;
let stranger: Api;

const tableRows = (table: string) => countRows(app, `SELECT COUNT(*) AS n FROM "${table}"`);

beforeAll(async () => {
  [app, target] = await Promise.all([startApp(), startTarget(200)]);
  owner = new Api(app.url);
  stranger = new Api(app.url);
  await owner.signup();
  await stranger.signup();
});
afterAll(async () => {
  await Promise.all([app?.dispose(), target?.close()]);
});

const MONITOR_KEYS = [
  'id', 'name', 'url', 'method', 'intervalSeconds', 'timeoutSeconds', 'active', 'status', 'statusChangedAt',
  'lastCheckedAt', 'lastLatencyMs', 'lastStatusCode', 'lastError', 'createdAt', 'updatedAt',
];

describe('monitor routes for the owner', () => {
  it('creates with defaults, reads, lists, updates with PUT and PATCH, checks and deletes', async () => {
    const created = await owner.post('/api/monitors', { name: 'Home', url: target.url, active: false });
    expect(created.status).toBe(201);
    const m = created.body.monitor;
    for (const key of MONITOR_KEYS) expect(m).toHaveProperty(key);
    expect(m).toMatchObject({ name: 'Home', url: target.url, method: 'GET', intervalSeconds: 60, timeoutSeconds: 10, active: false, status: 'PENDING' });
    expect(new Date(m.createdAt).toISOString()).toBe(m.createdAt);

    expect((await owner.get(`/api/monitors/${m.id}`)).body.monitor.id).toBe(m.id);
    const list = await owner.get('/api/monitors');
    expect(list.status).toBe(200);
    expect(list.body.monitors.map((x: { id: string }) => x.id)).toContain(m.id);
    expect(list.body.monitors[0]).toHaveProperty('uptime24h', null);
    expect(list.body.monitors[0].recentChecks).toEqual([]);

    const put = await owner.put(`/api/monitors/${m.id}`, { name: 'Home page', method: 'HEAD' });
    expect(put.status).toBe(200);
    expect(put.body.monitor).toMatchObject({ name: 'Home page', method: 'HEAD', url: target.url });
    const patch = await owner.patch(`/api/monitors/${m.id}`, { intervalSeconds: 30, timeoutSeconds: 5 });
    expect(patch.body.monitor).toMatchObject({ name: 'Home page', intervalSeconds: 30, timeoutSeconds: 5 });

    const check = await owner.post(`/api/monitors/${m.id}/check`);
    expect(check.status).toBe(200);
    expect(check.body.check).toMatchObject({ monitorId: m.id, status: 'UP', statusCode: 200, error: null });
    expect(typeof check.body.check.latencyMs).toBe('number');
    for (const key of ['id', 'monitorId', 'status', 'latencyMs', 'statusCode', 'error', 'checkedAt']) expect(check.body.check).toHaveProperty(key);
    const after = (await owner.get(`/api/monitors/${m.id}`)).body.monitor;
    expect(after.status).toBe('UP');
    expect(after.lastStatusCode).toBe(200);

    const checks = await owner.get(`/api/monitors/${m.id}/checks`);
    expect(checks.body.checks).toHaveLength(1);
    expect(checks.body.nextCursor).toBeNull();
    const uptime = await owner.get(`/api/monitors/${m.id}/uptime?hours=24`);
    expect(uptime.body).toMatchObject({ uptimePercent: 100, totalChecks: 1, upChecks: 1 });
    expect(uptime.body.buckets).toHaveLength(24);

    expect((await owner.delete(`/api/monitors/${m.id}`)).status).toBe(204);
    expect((await owner.get(`/api/monitors/${m.id}`)).status).toBe(404);
    expect(await tableRows('Check')).toBe(0);
  });

  it('pages through checks newest first with nextCursor', async () => {
    const m = (await owner.post('/api/monitors', { name: 'Paged', url: target.url, active: false })).body.monitor;
    for (let i = 0; i < 5; i++) expect((await owner.post(`/api/monitors/${m.id}/check`)).status).toBe(200);
    const first = await owner.get(`/api/monitors/${m.id}/checks?limit=2`);
    expect(first.body.checks).toHaveLength(2);
    expect(first.body.checks[0].checkedAt >= first.body.checks[1].checkedAt).toBe(true);
    const second = await owner.get(`/api/monitors/${m.id}/checks?limit=2&before=${first.body.nextCursor}`);
    const third = await owner.get(`/api/monitors/${m.id}/checks?limit=2&before=${second.body.nextCursor}`);
    const ids = [...first.body.checks, ...second.body.checks, ...third.body.checks].map((c: { id: string }) => c.id);
    expect(new Set(ids).size).toBe(5);
    expect(third.body.nextCursor).toBeNull();
    for (const bad of ['limit=0', 'limit=501', 'limit=abc']) {
      expect((await owner.get(`/api/monitors/${m.id}/checks?${bad}`)).status).toBe(400);
    }
    for (const bad of ['hours=0', 'hours=721', 'hours=x']) {
      expect((await owner.get(`/api/monitors/${m.id}/uptime?${bad}`)).status).toBe(400);
    }
  });
});

describe('another user', () => {
  it('gets 404 on every route of a monitor they do not own, and changes nothing', async () => {
    const m = (await owner.post('/api/monitors', { name: 'Private', url: target.url, active: false })).body.monitor;
    const base = `/api/monitors/${m.id}`;
    const missing = `/api/monitors/does-not-exist`;
    for (const p of [base, missing]) {
      const results = await Promise.all([
        stranger.get(p),
        stranger.put(p, { name: 'pwned' }),
        stranger.patch(p, { name: 'pwned' }),
        stranger.delete(p),
        stranger.post(`${p}/check`),
        stranger.get(`${p}/checks`),
        stranger.get(`${p}/uptime`),
        stranger.get(`${p}/incidents`),
        stranger.get(`${p}/alerts`),
      ]);
      for (const r of results) {
        expect(r.status).toBe(404);
        expect(r.body.error.code).toBe('not_found');
      }
    }
    expect((await stranger.get('/api/monitors')).body.monitors).toEqual([]);
    const still = (await owner.get(base)).body.monitor;
    expect(still.name).toBe('Private');
    expect(still.lastCheckedAt).toBeNull();
  });
});

describe('validation', () => {
  const valid = () => ({ name: 'Valid', url: 'https://example.com/', active: false });
  const cases: Array<[string, unknown]> = [
    ['missing name', { url: 'https://example.com' }],
    ['missing url', { name: 'x' }],
    ['empty body', {}],
    ['name wrong type', { ...valid(), name: 42 }],
    ['url wrong type', { ...valid(), url: ['https://example.com'] }],
    ['relative url', { ...valid(), url: '/health' }],
    ['ftp url', { ...valid(), url: 'ftp://example.com/' }],
    ['file url', { ...valid(), url: 'file:///etc/passwd' }],
    ['javascript url', { ...valid(), url: 'javascript:alert(1)' }],
    ['url with credentials', { ...valid(), url: 'https://user:pass@example.com/' }],
    ['interval zero', { ...valid(), intervalSeconds: 0 }],
    ['interval too large', { ...valid(), intervalSeconds: 86_401 }],
    ['interval fractional', { ...valid(), intervalSeconds: 1.5 }],
    ['interval as string', { ...valid(), intervalSeconds: '60' }],
    ['timeout zero', { ...valid(), timeoutSeconds: 0 }],
    ['timeout too large', { ...valid(), timeoutSeconds: 61 }],
    ['timeout above interval', { ...valid(), intervalSeconds: 5, timeoutSeconds: 10 }],
    ['bad method', { ...valid(), method: 'TRACE' }],
    ['active not boolean', { ...valid(), active: 'yes' }],
    ['unknown field', { ...valid(), colour: 'red' }],
    ['client-set id', { ...valid(), id: 'mine' }],
    ['client-set status', { ...valid(), status: 'UP' }],
    ['client-set userId', { ...valid(), userId: 'someone' }],
    ['array body', [valid()]],
    ['null body', null],
    ['oversized name', { ...valid(), name: 'x'.repeat(1_000) }],
  ];

  it.each(cases)('%s answers 400 and writes nothing', async (_label, body) => {
    const before = await tableRows('Monitor');
    const res = await owner.post('/api/monitors', body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.message).toEqual(expect.any(String));
    expect(res.body.error.issues.length).toBeGreaterThan(0);
    expect(await tableRows('Monitor')).toBe(before);
  });

  it.each([
    ['malformed JSON', '{"name": "x", "url": '],
    ['empty string', ''],
    ['oversized body', JSON.stringify({ name: 'x', url: 'https://example.com', padding: 'x'.repeat(2_000_000) })],
  ])('%s answers 400 and writes nothing', async (_label, raw) => {
    const before = await tableRows('Monitor');
    const res = await owner.request('POST', '/api/monitors', raw, { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(['invalid_json', 'payload_too_large']).toContain(res.body.error.code);
    expect(await tableRows('Monitor')).toBe(before);
  });

  it('rejects a bad update with 400 and leaves the monitor as it was', async () => {
    const m = (await owner.post('/api/monitors', valid())).body.monitor;
    for (const body of [{ intervalSeconds: -1 }, { url: 'gopher://x' }, { name: '' }, { whatever: 1 }, { createdAt: '2020-01-01T00:00:00Z' }]) {
      expect((await owner.patch(`/api/monitors/${m.id}`, body)).status).toBe(400);
    }
    expect((await owner.get(`/api/monitors/${m.id}`)).body.monitor).toMatchObject({ name: 'Valid', url: 'https://example.com/', intervalSeconds: 60 });
  });
});

describe('list statistics', () => {
  it('reports uptime24h and the last 24 checks oldest first', async () => {
    const m = (await owner.post('/api/monitors', { name: 'Stats', url: target.url, active: false })).body.monitor;
    for (let i = 0; i < 3; i++) await owner.post(`/api/monitors/${m.id}/check`);
    target.setStatus(500);
    await owner.post(`/api/monitors/${m.id}/check`);
    target.setStatus(200);
    const item = await waitFor(async () => {
      const list = await owner.get('/api/monitors');
      return list.body.monitors.find((x: { id: string }) => x.id === m.id);
    }, 5000);
    expect(item.uptime24h).toBe(75);
    expect(item.recentChecks.map((c: { status: string }) => c.status)).toEqual(['UP', 'UP', 'UP', 'DOWN']);
    const times = item.recentChecks.map((c: { checkedAt: string }) => c.checkedAt);
    expect([...times].sort()).toEqual(times);
    // The database writes these items as text: the same fields and values as the checks API's.
    const checks = (await owner.get(`/api/monitors/${m.id}/checks`)).body.checks.reverse();
    expect(item.recentChecks).toEqual(checks.map((c: { status: string; latencyMs: number | null; checkedAt: string }) => ({ status: c.status, latencyMs: c.latencyMs, checkedAt: c.checkedAt })));
    expect(item.recentChecks.every((c: object) => Object.keys(c).join() === 'status,latencyMs,checkedAt')).toBe(true);

    // The hourly rollups behind uptime24h agree with the raw checks.
    const raw = await queryRow(app, `SELECT COUNT(*) AS total, SUM(CASE WHEN status = 'UP' THEN 1 ELSE 0 END) AS up, SUM("latencyMs") AS lat FROM "Check" WHERE "monitorId" = ?`, m.id);
    const rolled = await queryRow(app, `SELECT SUM("totalChecks") AS total, SUM("upChecks") AS up, SUM("latencySum") AS lat FROM "CheckRollup" WHERE "monitorId" = ?`, m.id);
    expect(rolled).toEqual(raw);
  });
});
