// HTTP check options through the real API: each option round-trips, reaches the target and
// decides the result; every stored check carries its timings, cause and message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksOf, monitorOf, startEngineApp, startRecordingTarget, type EngineApp } from './engine-helpers';
import type { TestServer } from '../checker/helpers';
import type { SeenRequest } from './engine-helpers';

let e: EngineApp;
let target: TestServer & { seen: SeenRequest[] };

beforeAll(async () => {
  [e, target] = await Promise.all([startEngineApp(), startRecordingTarget()]);
});
afterAll(async () => {
  await Promise.all([e?.close(), target?.close()]);
});

/** An inactive monitor (no schedule), so each check below is exactly one POST /check. */
async function create(fields: Record<string, unknown>) {
  const res = await e.api.post('/api/monitors', { name: 'options', intervalSeconds: 60, timeoutSeconds: 5, active: false, ...fields });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.monitor;
}

async function checkNow(id: string) {
  const res = await e.api.post(`/api/monitors/${id}/check`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.check;
}

const url = (p: string) => `${target.origin}${p}`;

describe('options round-trip', () => {
  it('stores every HTTP option and returns it on create, read and update', async () => {
    const input = {
      name: 'All options',
      url: url('/echo'),
      method: 'PATCH',
      headers: [
        { name: 'X-Probe', value: '42' },
        { name: 'Authorization', value: 'Bearer s3cret', secret: true },
      ],
      body: '{"ping":1}',
      acceptedStatusCodes: ['200-299', '418', 301],
      followRedirects: false,
      maxRedirects: 3,
      keyword: 'ping',
      keywordMode: 'absent',
      keywordCaseSensitive: false,
      jsonAssertions: [
        { path: 'data.status', op: '==', value: 'ok' },
        { path: 'items[0].id', op: '>', value: 5 },
        { path: 'data', op: 'exists' },
      ],
      maxResponseTimeMs: 1500,
      ignoreTlsErrors: true,
      certExpiryThresholdDays: 7,
      retries: 3,
      retryIntervalSeconds: 2,
      reminderIntervalMinutes: 30,
    };
    const created = await create(input);
    const expected = {
      ...input,
      headers: [
        { name: 'X-Probe', value: '42', secret: false },
        { name: 'Authorization', value: null, secret: true }, // secret values are never returned
      ],
      acceptedStatusCodes: ['200-299', '418', '301'],
      jsonAssertions: [
        { path: 'data.status', op: '==', value: 'ok' },
        { path: 'items[0].id', op: '>', value: '5' },
        { path: 'data', op: 'exists', value: null },
      ],
    };
    expect(created).toMatchObject(expected);
    expect(await monitorOf(e.api, created.id)).toMatchObject(expected);

    const updated = await e.api.patch(`/api/monitors/${created.id}`, { method: 'GET', body: null, keyword: null, followRedirects: true });
    expect(updated.status).toBe(200);
    expect(updated.body.monitor).toMatchObject({ method: 'GET', body: null, keyword: null, followRedirects: true, maxRedirects: 3 });
    // The secret header kept its stored value through the update.
    await e.api.patch(`/api/monitors/${created.id}`, { jsonAssertions: [], acceptedStatusCodes: ['200'] });
    const before = target.seen.length;
    expect(await checkNow(created.id)).toMatchObject({ status: 'UP', statusCode: 200 });
    expect(target.seen[before].headers.authorization).toBe('Bearer s3cret');
  });

  it('fills the documented defaults', async () => {
    const m = await create({ url: url('/ok') });
    expect(m).toMatchObject({
      method: 'GET',
      headers: [],
      body: null,
      acceptedStatusCodes: ['200-299'],
      followRedirects: true,
      maxRedirects: 5,
      keyword: null,
      keywordMode: 'present',
      keywordCaseSensitive: true,
      jsonAssertions: [],
      maxResponseTimeMs: null,
      ignoreTlsErrors: false,
      certExpiryThresholdDays: 14,
      retries: 1,
      retryIntervalSeconds: 10,
      reminderIntervalMinutes: null,
    });
  });
});

describe('options take effect', () => {
  it('sends the method, headers and body to the target', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const m = await create({
        url: url('/echo?x=1'),
        method,
        headers: [
          { name: 'Content-Type', value: 'application/json' },
          { name: 'X-Token', value: 'abc', secret: true },
        ],
        body: `{"hello":"${method}"}`,
        jsonAssertions: [
          { path: 'method', op: '==', value: method },
          { path: 'body', op: 'contains', value: method },
        ],
      });
      const before = target.seen.length;
      expect(await checkNow(m.id)).toMatchObject({ status: 'UP', statusCode: 200, cause: null, error: null });
      const seen = target.seen.slice(before);
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ method, url: '/echo?x=1', body: `{"hello":"${method}"}` });
      expect(seen[0].headers).toMatchObject({ 'content-type': 'application/json', 'x-token': 'abc' });
      expect(seen[0].headers['user-agent']).toMatch(/^Pingboard/);
    }
    for (const method of ['HEAD', 'OPTIONS']) {
      const m = await create({ url: url('/ok'), method });
      const before = target.seen.length;
      expect(await checkNow(m.id)).toMatchObject({ status: 'UP', statusCode: 200 });
      expect(target.seen[before].method).toBe(method);
    }
  });

  it('refuses a body on GET and HEAD at create time', async () => {
    const res = await e.api.post('/api/monitors', { name: 'x', url: url('/ok'), method: 'GET', body: 'no', active: false });
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: { path: string[] }) => i.path.join('.'))).toContain('body');
  });

  it.each([
    ['keyword present and found', { url: '/ok', keyword: 'Operational' }, 'UP', null, null],
    ['keyword missing', { url: '/ok', keyword: 'Maintenance' }, 'DOWN', 'keyword_missing', 'Keyword "Maintenance" not found in response'],
    ['keyword case-sensitive by default', { url: '/ok', keyword: 'operational' }, 'DOWN', 'keyword_missing', 'Keyword "operational" not found in response'],
    ['keyword case-insensitive', { url: '/ok', keyword: 'operational', keywordCaseSensitive: false }, 'UP', null, null],
    ['keyword that must be absent', { url: '/ok', keyword: 'Operational', keywordMode: 'absent' }, 'DOWN', 'keyword_present', 'Keyword "Operational" found in response'],
    ['keyword absent and absent', { url: '/ok', keyword: 'Error', keywordMode: 'absent' }, 'UP', null, null],
    [
      'JSON assertions that hold',
      { url: '/json', jsonAssertions: [{ path: 'data.status', op: '==', value: 'ok' }, { path: 'items[0].id', op: '==', value: 7 }, { path: 'data.count', op: '>', value: 41 }, { path: 'items', op: 'exists' }] },
      'UP',
      null,
      null,
    ],
    ['JSON assertion ==', { url: '/json', jsonAssertions: [{ path: 'data.status', op: '==', value: 'degraded' }] }, 'DOWN', 'json_assertion_failed', 'Expected data.status == "degraded", got "ok"'],
    ['JSON assertion < with actual value', { url: '/json', jsonAssertions: [{ path: 'data.count', op: '<', value: 10 }] }, 'DOWN', 'json_assertion_failed', 'Expected data.count < "10", got 42'],
    ['JSON assertion on an array item', { url: '/json', jsonAssertions: [{ path: 'items[1].id', op: '!=', value: 8 }] }, 'DOWN', 'json_assertion_failed', 'Expected items[1].id != "8", got 8'],
    ['JSON assertion exists', { url: '/json', jsonAssertions: [{ path: 'data.missing', op: 'exists' }] }, 'DOWN', 'json_assertion_failed', 'Expected data.missing to exist'],
    ['JSON assertion contains', { url: '/json', jsonAssertions: [{ path: 'data.status', op: 'contains', value: 'k' }] }, 'UP', null, null],
    ['status outside the default 200-299', { url: '/status/418' }, 'DOWN', 'http_status', "HTTP 418 I'm a Teapot"],
    ['accepted status code listed', { url: '/status/418', acceptedStatusCodes: ['200-299', '418'] }, 'UP', null, null],
    ['accepted status range', { url: '/status/503', acceptedStatusCodes: ['500-599'] }, 'UP', null, null],
    ['2xx refused when only 204 is accepted', { url: '/ok', acceptedStatusCodes: ['204'] }, 'DOWN', 'http_status', 'HTTP 200 OK'],
    ['too slow', { url: '/slow?ms=400', maxResponseTimeMs: 100 }, 'DOWN', 'too_slow', /^Response took \d+ ms \(limit 100 ms\)$/],
    ['fast enough', { url: '/slow?ms=10', maxResponseTimeMs: 2000 }, 'UP', null, null],
    ['redirects followed by default', { url: '/moved' }, 'UP', null, null],
    ['redirects off: the 301 itself is judged', { url: '/moved', followRedirects: false }, 'DOWN', 'http_status', 'HTTP 301 Moved Permanently'],
    ['redirects off with 301 accepted', { url: '/moved', followRedirects: false, acceptedStatusCodes: ['301'] }, 'UP', null, null],
    ['redirect chain within the maximum', { url: '/chain/2', maxRedirects: 3 }, 'UP', null, null],
    ['too many redirects', { url: '/chain/4', maxRedirects: 2 }, 'DOWN', 'too_many_redirects', 'Too many redirects (more than 2)'],
    ['redirect loop', { url: '/loop-a' }, 'DOWN', 'too_many_redirects', /^Redirect loop: .*\/loop-a was reached twice$/],
  ] as const)('%s', async (_label, fields, status, cause, error) => {
    const m = await create({ ...fields, url: url(fields.url) });
    const check = await checkNow(m.id);
    expect(check).toMatchObject({ status, cause });
    if (error instanceof RegExp) expect(check.error).toMatch(error);
    else expect(check.error).toBe(error);
    // The monitor's summary and the stored check say the same.
    const stored = (await checksOf(e.api, m.id))[0];
    expect(stored).toMatchObject({ id: check.id, status, cause, error: check.error });
    expect((await monitorOf(e.api, m.id)).lastCause).toBe(cause);
  });

  it('the final status code of a followed redirect is stored', async () => {
    const m = await create({ url: url('/moved-to-404') });
    expect(await checkNow(m.id)).toMatchObject({ status: 'DOWN', statusCode: 404, cause: 'http_status', error: 'HTTP 404 Not Found' });
  });
});

describe('timings', () => {
  it('every stored HTTP check has its phases in ms, scheduled and manual alike', async () => {
    const m = await create({ url: url('/ok'), active: true, intervalSeconds: 1, timeoutSeconds: 1 });
    await checkNow(m.id);
    const deadline = Date.now() + 5000;
    let checks: any[] = [];
    while (Date.now() < deadline && checks.length < 3) {
      await new Promise((r) => setTimeout(r, 200));
      checks = await checksOf(e.api, m.id);
    }
    await e.api.patch(`/api/monitors/${m.id}`, { active: false });
    expect(checks.length).toBeGreaterThanOrEqual(3);
    for (const c of checks) {
      expect(c.status).toBe('UP');
      const t = c.timings;
      // 127.0.0.1 is a literal (no DNS phase), plain http has no TLS phase.
      expect(t).toMatchObject({ dnsMs: null, tlsMs: null });
      for (const k of ['connectMs', 'ttfbMs', 'transferMs', 'totalMs']) {
        expect(Number.isInteger(t[k]), `${k}=${t[k]}`).toBe(true);
        expect(t[k]).toBeGreaterThanOrEqual(0);
      }
      expect(t.totalMs).toBe(c.latencyMs);
      expect(t.totalMs).toBeGreaterThanOrEqual(t.connectMs + t.ttfbMs + t.transferMs - 3);
    }
  });

  it('time to first byte and transfer reflect a slow server', async () => {
    const slowHead = await create({ url: url('/slow?ms=300') });
    const check = await checkNow(slowHead.id);
    expect(check.timings.ttfbMs).toBeGreaterThanOrEqual(280);
    expect(check.timings.totalMs).toBeGreaterThanOrEqual(300);
  });

  it('a failed check keeps the phases it reached', async () => {
    const m = await create({ url: url('/status/500'), retries: 0 });
    const check = await checkNow(m.id);
    expect(check).toMatchObject({ status: 'DOWN', cause: 'http_status', statusCode: 500 });
    expect(check.timings.connectMs).toBeGreaterThanOrEqual(0);
    expect(check.timings.ttfbMs).toBeGreaterThanOrEqual(0);
  });
});
