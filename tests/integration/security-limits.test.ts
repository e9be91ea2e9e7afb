// Matrix item 10: limits that keep one user from hurting others. One server with tight
// limits (MAX_MONITORS_PER_USER=3, MIN_INTERVAL_SECONDS=5), one with the defaults.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { Api } from '../support/api';
import { count, uniqueEmail } from './security-support';

let tight: AppServer;
let defaults: AppServer;
beforeAll(async () => {
  [tight, defaults] = await Promise.all([startApp({ env: { MAX_MONITORS_PER_USER: '3', MIN_INTERVAL_SECONDS: '5' } }), startApp()]);
});
afterAll(async () => {
  await Promise.all([tight?.dispose(), defaults?.dispose()]);
});

const valid = { name: 'Limited', url: 'https://example.com', active: false, intervalSeconds: 60 };

async function user(app: AppServer): Promise<Api> {
  const api = new Api(app.url);
  await api.signup(uniqueEmail('limits'));
  return api;
}

function issuesOf(res: { body: any }): string {
  return JSON.stringify(res.body?.error?.issues ?? res.body);
}

describe('10. monitors per user', () => {
  it('allows MAX_MONITORS_PER_USER monitors and refuses the next, for that user only', async () => {
    const a = await user(tight);
    for (let i = 0; i < 3; i++) expect((await a.post('/api/monitors', { ...valid, name: `M${i}` })).status).toBe(201);
    const fourth = await a.post('/api/monitors', { ...valid, name: 'M3' });
    expect(fourth.status).toBe(409);
    expect(fourth.body.error.code).toBe('limit_reached');
    expect(fourth.body.error.message).toMatch(/at most 3 monitors/);
    // Another user is not affected by the first user's count.
    const b = await user(tight);
    expect((await b.post('/api/monitors', valid)).status).toBe(201);
    // Deleting one makes room again.
    const first = (await a.get('/api/monitors')).body.monitors[0];
    expect((await a.delete(`/api/monitors/${first.id}`)).status).toBe(204);
    expect((await a.post('/api/monitors', { ...valid, name: 'M4' })).status).toBe(201);
  });

  it('holds under concurrent creates', async () => {
    const c = await user(tight);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => c.post('/api/monitors', { ...valid, name: `Race ${i}` })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    expect(results.filter((r) => r.status !== 201).every((r) => r.status === 409)).toBe(true);
    expect((await c.get('/api/monitors')).body.monitors).toHaveLength(3);
  });

  it('defaults to 1,000 monitors per user', async () => {
    const d = await user(defaults);
    for (let batch = 0; batch < 1000; batch += 50) {
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => d.post('/api/monitors', { ...valid, name: `Bulk ${batch + i}` })));
      expect(results.map((r) => r.status).filter((s) => s !== 201), `batch ${batch}`).toEqual([]);
    }
    const over = await d.post('/api/monitors', { ...valid, name: 'One too many' });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('limit_reached');
    expect(await count(defaults, 'SELECT COUNT(*) AS n FROM "Monitor"')).toBe(1000);
  });
});

describe('10. intervals and timeouts', () => {
  it('refuses an interval below MIN_INTERVAL_SECONDS on create and update', async () => {
    const a = await user(tight);
    const low = await a.post('/api/monitors', { ...valid, intervalSeconds: 4, timeoutSeconds: 4 });
    expect(low.status).toBe(400);
    expect(issuesOf(low)).toMatch(/intervalSeconds/);
    const ok = await a.post('/api/monitors', { ...valid, intervalSeconds: 5, timeoutSeconds: 5 });
    expect(ok.status).toBe(201);
    const lowered = await a.patch(`/api/monitors/${ok.body.monitor.id}`, { intervalSeconds: 2 });
    expect(lowered.status).toBe(400);
    expect((await a.get(`/api/monitors/${ok.body.monitor.id}`)).body.monitor.intervalSeconds).toBe(5);
  });

  it('defaults MIN_INTERVAL_SECONDS to 1', async () => {
    const d = await user(defaults);
    const zero = await d.post('/api/monitors', { ...valid, intervalSeconds: 0 });
    expect(zero.status).toBe(400);
    const fraction = await d.post('/api/monitors', { ...valid, intervalSeconds: 0.5 });
    expect(fraction.status).toBe(400);
    const one = await d.post('/api/monitors', { ...valid, intervalSeconds: 1, timeoutSeconds: 1 });
    expect(one.status).toBe(201);
  });

  it('refuses a timeout above the interval, on create and on update', async () => {
    const a = await user(tight);
    const create = await a.post('/api/monitors', { ...valid, intervalSeconds: 10, timeoutSeconds: 11 });
    expect(create.status).toBe(400);
    expect(issuesOf(create)).toMatch(/timeoutSeconds/);
    const m = (await a.post('/api/monitors', { ...valid, intervalSeconds: 10, timeoutSeconds: 10 })).body.monitor;
    expect((await a.patch(`/api/monitors/${m.id}`, { timeoutSeconds: 11 })).status).toBe(400);
    expect((await a.patch(`/api/monitors/${m.id}`, { intervalSeconds: 20, timeoutSeconds: 30 })).status).toBe(400);
    expect((await a.get(`/api/monitors/${m.id}`)).body.monitor).toMatchObject({ intervalSeconds: 10, timeoutSeconds: 10 });
  });
});

describe('10. request headers and body', () => {
  let api: Api;
  beforeAll(async () => {
    api = await user(tight);
  });

  const refusedHeaders: Array<[string, Array<{ name: string; value: string }>]> = [
    ['CR LF in a value', [{ name: 'X-Test', value: 'a\r\nInjected: yes' }]],
    ['LF in a value', [{ name: 'X-Test', value: 'a\nb' }]],
    ['CR in a value', [{ name: 'X-Test', value: 'a\rb' }]],
    ['NUL in a value', [{ name: 'X-Test', value: 'a\u0000b' }]],
    ['CR LF in a name', [{ name: 'X-Test\r\nInjected', value: 'a' }]],
    ['a space in a name', [{ name: 'X Test', value: 'a' }]],
    ['a colon in a name', [{ name: 'X-Test:', value: 'a' }]],
    ['Host', [{ name: 'Host', value: 'internal.example' }]],
    ['host (lower case)', [{ name: 'host', value: 'internal.example' }]],
    ['Content-Length', [{ name: 'Content-Length', value: '0' }]],
    ['Transfer-Encoding', [{ name: 'Transfer-Encoding', value: 'chunked' }]],
    ['Connection', [{ name: 'CONNECTION', value: 'close' }]],
    ['21 headers', Array.from({ length: 21 }, (_, i) => ({ name: `X-H${i}`, value: String(i) }))],
    ['the same header twice', [{ name: 'X-Dup', value: '1' }, { name: 'x-dup', value: '2' }]],
  ];

  it.each(refusedHeaders)('refuses request headers with %s, on create and update', async (_what, headers) => {
    const before = await count(tight, 'SELECT COUNT(*) AS n FROM "Monitor"');
    expect((await api.post('/api/monitors', { ...valid, headers })).status).toBe(400);
    expect(await count(tight, 'SELECT COUNT(*) AS n FROM "Monitor"')).toBe(before);
    const existing = (await api.get('/api/monitors')).body.monitors[0] ?? (await api.post('/api/monitors', valid)).body.monitor;
    expect((await api.patch(`/api/monitors/${existing.id}`, { headers })).status).toBe(400);
    expect((await api.get(`/api/monitors/${existing.id}`)).body.monitor.headers).toEqual([]);
  });

  it('accepts 20 ordinary headers (the control)', async () => {
    const headers = Array.from({ length: 20 }, (_, i) => ({ name: `X-H${i}`, value: `value ${i}` }));
    const res = await api.post('/api/monitors', { ...valid, headers });
    expect(res.status).toBe(201);
    expect(res.body.monitor.headers).toHaveLength(20);
    await api.delete(`/api/monitors/${res.body.monitor.id}`);
  });

  it('refuses a request body over 64 KiB (in UTF-8 bytes) and accepts exactly 64 KiB', async () => {
    const over = await api.post('/api/monitors', { ...valid, method: 'POST', body: 'a'.repeat(64 * 1024 + 1) });
    expect(over.status).toBe(400);
    expect(issuesOf(over)).toMatch(/body/);
    const multibyte = await api.post('/api/monitors', { ...valid, method: 'POST', body: 'é'.repeat(32 * 1024 + 1) });
    expect(multibyte.status).toBe(400);
    const exact = await api.post('/api/monitors', { ...valid, method: 'POST', body: 'a'.repeat(64 * 1024) });
    expect(exact.status).toBe(201);
    expect((await api.patch(`/api/monitors/${exact.body.monitor.id}`, { body: 'b'.repeat(64 * 1024 + 1) })).status).toBe(400);
    await api.delete(`/api/monitors/${exact.body.monitor.id}`);
  });
});
