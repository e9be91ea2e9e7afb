import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '@/lib/checker/run-check';
import type { FailureCause, HttpProbe, JsonAssertion } from '@/lib/checker/types';
import { httpProbe, OPEN, startHttpServer, type TestServer } from './helpers';
import { testRoutes } from './routes';

let server: TestServer;
const check = (path: string, overrides: Partial<HttpProbe> = {}) =>
  runCheck(httpProbe(`${server.origin}${path}`, overrides), OPEN);

beforeAll(async () => {
  server = await startHttpServer(testRoutes);
});
afterAll(() => server.close());

describe('status codes', () => {
  it('is UP on 200 with timings and no TLS', async () => {
    const before = Date.now();
    const outcome = await check('/ok');
    expect(outcome).toMatchObject({ status: 'UP', statusCode: 200, cause: null, error: null, tls: null });
    expect(outcome.startedAt.getTime()).toBeGreaterThanOrEqual(before - 1);
    const t = outcome.timings!;
    expect(t.dnsMs).toBeNull(); // IP literal
    expect(t.tlsMs).toBeNull();
    for (const v of [t.connectMs, t.ttfbMs, t.transferMs]) expect(v).toBeGreaterThanOrEqual(0);
    expect(t.totalMs).toBeGreaterThanOrEqual(t.connectMs! + t.ttfbMs!);
    expect(outcome.latencyMs).toBe(Math.round(t.totalMs));
  });

  it('is DOWN with http_status on 503', async () => {
    const outcome = await check('/status/503');
    expect(outcome).toMatchObject({
      status: 'DOWN',
      statusCode: 503,
      cause: 'http_status',
      error: 'HTTP 503 Service Unavailable',
    });
  });

  it.each([
    ['/status/204', ['200-299'], 'UP'],
    ['/status/404', ['200-299'], 'DOWN'],
    ['/status/404', ['200-299', '404'], 'UP'],
    ['/status/418', ['400-499'], 'UP'],
    ['/status/500', ['200-299', '400-499'], 'DOWN'],
    ['/status/200', [], 'UP'], // empty list means the default 200-299
  ])('%s with %j is %s', async (path, accepted, status) => {
    expect((await check(path, { acceptedStatusCodes: accepted })).status).toBe(status);
  });
});

describe('keyword', () => {
  it.each([
    ['Operational', 'present', false, null],
    ['operational', 'present', false, null],
    ['operational', 'present', true, 'keyword_missing'],
    ['Outage', 'present', false, 'keyword_missing'],
    ['Outage', 'absent', false, null],
    ['OPERATIONAL', 'absent', false, 'keyword_present'],
  ] as const)('%j %s caseSensitive=%s -> %s', async (keyword, keywordMode, keywordCaseSensitive, cause) => {
    const outcome = await check('/ok', { keyword, keywordMode, keywordCaseSensitive });
    expect(outcome.cause).toBe(cause);
    expect(outcome.status).toBe(cause ? 'DOWN' : 'UP');
  });

  it('checks the status code before the keyword', async () => {
    const outcome = await check('/status/500', { keyword: 'missing' });
    expect(outcome.cause).toBe('http_status');
  });
});

describe('JSON assertions', () => {
  const cases: Array<[JsonAssertion, FailureCause | null, string | null]> = [
    [{ path: 'data.status', op: '==', value: 'ok' }, null, null],
    [{ path: 'data.status', op: '==', value: 'degraded' }, 'json_assertion_failed', 'got "ok"'],
    [{ path: 'data.status', op: '!=', value: 'down' }, null, null],
    [{ path: 'data.count', op: '>', value: '40' }, null, null],
    [{ path: 'data.count', op: '<', value: '40' }, 'json_assertion_failed', 'got 42'],
    [{ path: 'items[1].id', op: '==', value: '8' }, null, null],
    [{ path: 'items[0].id', op: 'contains', value: '7' }, null, null],
    [{ path: 'items[2].id', op: 'exists' }, 'json_assertion_failed', 'items[2].id'],
  ];
  it.each(cases)('%j -> %s', async (assertion, cause, messagePart) => {
    const outcome = await check('/json', { jsonAssertions: [assertion] });
    expect(outcome.cause).toBe(cause);
    if (messagePart) expect(outcome.error).toContain(messagePart);
  });

  it('fails a non-JSON body with a message', async () => {
    const outcome = await check('/ok', { jsonAssertions: [{ path: 'a', op: 'exists' }] });
    expect(outcome).toMatchObject({ status: 'DOWN', cause: 'json_assertion_failed' });
    expect(outcome.error).toContain('not valid JSON');
  });
});

describe('response time and size', () => {
  it('is too_slow past maxResponseTimeMs, UP within it', async () => {
    const slow = await check('/slow?ms=150', { maxResponseTimeMs: 50 });
    expect(slow).toMatchObject({ status: 'DOWN', cause: 'too_slow', statusCode: 200 });
    expect(slow.error).toMatch(/Response took \d+ ms \(limit 50 ms\)/);
    expect((await check('/slow?ms=10', { maxResponseTimeMs: 2000 })).status).toBe('UP');
  });

  it('accepts a large body when only the status matters', async () => {
    expect(await check('/big')).toMatchObject({ status: 'UP', statusCode: 200 });
  });

  it('is response_too_large when a keyword needs a body past 1 MiB', async () => {
    const outcome = await check('/big', { keyword: 'y' });
    expect(outcome).toMatchObject({ status: 'DOWN', cause: 'response_too_large' });
  });

  it('accepts a body of exactly 1 MiB for keyword checks', async () => {
    expect((await check('/exact', { keyword: 'zzz' })).status).toBe('UP');
  });
});

describe('request shape', () => {
  it('sends HEAD without reading a body', async () => {
    const outcome = await check('/ok', { method: 'HEAD', keyword: null });
    expect(outcome).toMatchObject({ status: 'UP', statusCode: 200 });
  });

  it('sends POST body, custom headers and the default user agent', async () => {
    const outcome = await check('/echo', {
      method: 'POST',
      body: '{"ping":true}',
      headers: [
        { name: 'Content-Type', value: 'application/json' },
        { name: 'X-Token', value: 'abc' },
      ],
      jsonAssertions: [
        { path: 'method', op: '==', value: 'POST' },
        { path: 'body', op: '==', value: '{"ping":true}' },
        { path: 'headers.x-token', op: '==', value: 'abc' },
        { path: 'headers.content-type', op: '==', value: 'application/json' },
        { path: 'headers.content-length', op: '==', value: '13' },
        { path: 'headers.user-agent', op: '==', value: 'Pingboard/1.0 (+uptime monitor)' },
      ],
    });
    expect(outcome.error).toBeNull();
    expect(outcome.status).toBe('UP');
  });

  it('keeps a user-set user agent and sends no body on GET', async () => {
    const outcome = await check('/echo', {
      body: 'ignored',
      headers: [{ name: 'user-agent', value: 'custom/2' }],
      jsonAssertions: [
        { path: 'headers.user-agent', op: '==', value: 'custom/2' },
        { path: 'body', op: '==', value: '' },
      ],
    });
    expect(outcome.error).toBeNull();
  });

  it('turns an invalid header into a DOWN outcome instead of throwing', async () => {
    const outcome = await check('/ok', { headers: [{ name: 'bad header', value: 'x' }] });
    expect(outcome).toMatchObject({ status: 'DOWN', cause: 'network_error' });
    expect(outcome.error).toContain('Invalid request');
  });

  it.each(['not a url', 'ftp://127.0.0.1/file'])('rejects %j as network_error', async (url) => {
    const outcome = await runCheck(httpProbe(url), OPEN);
    expect(outcome).toMatchObject({ status: 'DOWN', cause: 'network_error', statusCode: null });
  });
});
