import type { IncomingHttpHeaders, RequestListener } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planRedirect } from '@/lib/checker/redirects';
import { runCheck } from '@/lib/checker/run-check';
import type { HttpProbe } from '@/lib/checker/types';
import { httpProbe, OPEN, startHttpServer, type TestServer } from './helpers';
import { testRoutes } from './routes';

let server: TestServer;
const check = (path: string, overrides: Partial<HttpProbe> = {}) =>
  runCheck(httpProbe(`${server.origin}${path}`, overrides), OPEN);

beforeAll(async () => {
  server = await startHttpServer(testRoutes);
});
afterAll(() => server.close());

describe('following redirects', () => {
  it('follows relative Locations to the final page', async () => {
    const outcome = await check('/chain/3', { keyword: 'Operational' });
    expect(outcome).toMatchObject({ status: 'UP', statusCode: 200 });
  });

  it('evaluates the final hop, not the redirect', async () => {
    expect(await check('/moved-to-404')).toMatchObject({ status: 'DOWN', statusCode: 404, cause: 'http_status' });
  });

  it.each([
    [4, 5, 'UP'],
    [4, 4, 'DOWN'], // chain/4 is 5 redirects
    [0, 0, 'DOWN'],
  ])('chain/%i with maxRedirects=%i is %s', async (n, maxRedirects, status) => {
    const outcome = await check(`/chain/${n}`, { maxRedirects });
    expect(outcome.status).toBe(status);
    if (status === 'DOWN') {
      expect(outcome.cause).toBe('too_many_redirects');
      expect(outcome.error).toBe(`Too many redirects (more than ${maxRedirects})`);
      expect(outcome.statusCode).toBe(302);
    }
  });

  it('detects a loop before hitting the limit', async () => {
    const outcome = await check('/loop-a', { maxRedirects: 50 });
    expect(outcome.cause).toBe('too_many_redirects');
    expect(outcome.error).toMatch(/^Redirect loop: .*\/loop-a was reached twice$/);
  });

  it('evaluates the 3xx itself when following is off', async () => {
    expect(await check('/moved', { followRedirects: false })).toMatchObject({ status: 'DOWN', statusCode: 301, cause: 'http_status' });
    expect(await check('/moved', { followRedirects: false, acceptedStatusCodes: ['301'] })).toMatchObject({ status: 'UP' });
  });

  it('treats a 3xx without Location as the final response', async () => {
    expect(await check('/no-location', { acceptedStatusCodes: ['302'] })).toMatchObject({ status: 'UP', statusCode: 302 });
  });

  it('refuses a redirect to another scheme', async () => {
    const outcome = await check('/to-ftp');
    expect(outcome).toMatchObject({ status: 'DOWN', cause: 'network_error' });
    expect(outcome.error).toContain('unsupported scheme ftp:');
  });

  it.each([
    [303, 'POST', 'GET', ''],
    [301, 'POST', 'GET', ''],
    [302, 'POST', 'GET', ''],
    [307, 'POST', 'POST', 'payload'],
    [308, 'PUT', 'PUT', 'payload'],
    [303, 'HEAD', 'HEAD', null],
  ] as const)('%i after %s continues as %s', async (code, method, expectedMethod, expectedBody) => {
    const outcome = await check(`/code-to-echo/${code}`, {
      method,
      body: 'payload',
      headers: [{ name: 'content-type', value: 'text/plain' }],
      jsonAssertions:
        expectedBody === null ? [] : [
          { path: 'method', op: '==', value: expectedMethod },
          { path: 'body', op: '==', value: expectedBody },
          { path: 'url', op: '==', value: '/echo?from=redirect' },
        ],
    });
    expect(outcome.error).toBeNull();
  });

  it('counts every hop in totalMs', async () => {
    const outcome = await check('/chain/2');
    const t = outcome.timings!;
    expect(t.totalMs).toBeGreaterThanOrEqual(t.connectMs! + t.ttfbMs! + t.transferMs!);
  });
});

describe('headers on a redirect to another origin', () => {
  // Two loopback servers on two ports: two origins. Each records the headers it received.
  const seen = { a: [] as IncomingHttpHeaders[], b: [] as IncomingHttpHeaders[] };
  let a: TestServer;
  let b: TestServer;
  const recording = (into: IncomingHttpHeaders[]): RequestListener => (req, res) => {
    into.push(req.headers);
    testRoutes(req, res);
  };
  beforeAll(async () => {
    [a, b] = await Promise.all([startHttpServer(recording(seen.a)), startHttpServer(recording(seen.b))]);
  });
  afterAll(() => Promise.all([a.close(), b.close()]));

  const headers = [
    { name: 'X-Api-Key', value: 'k-123', secret: true },
    { name: 'Authorization', value: 'Bearer t-456' },
    { name: 'X-Trace', value: 'plain' },
  ];
  const redirectTo = (location: string) => `${a.origin}/to?url=${encodeURIComponent(location)}`;

  it('sends the secret header and credentials on to the same origin', async () => {
    expect(await runCheck(httpProbe(redirectTo('/ok'), { headers }), OPEN)).toMatchObject({ status: 'UP', statusCode: 200 });
    expect(seen.a.at(-1)).toMatchObject({ 'x-api-key': 'k-123', authorization: 'Bearer t-456', 'x-trace': 'plain' });
  });

  it('drops secret headers and credentials when the redirect changes the port, and keeps the others', async () => {
    expect(await runCheck(httpProbe(redirectTo(`${b.origin}/ok`), { headers }), OPEN)).toMatchObject({ status: 'UP', statusCode: 200 });
    expect(seen.a.at(-1)).toMatchObject({ 'x-api-key': 'k-123', authorization: 'Bearer t-456' });
    const arrived = seen.b.at(-1)!;
    expect(arrived['x-trace']).toBe('plain');
    expect(arrived['x-api-key']).toBeUndefined();
    expect(arrived.authorization).toBeUndefined();
  });

  it('with followRedirects off, sends nothing to the other origin and judges the 302 itself', async () => {
    const before = seen.b.length;
    const probe = (accepted: string[]) => httpProbe(redirectTo(`${b.origin}/ok`), { headers, followRedirects: false, acceptedStatusCodes: accepted });
    expect(await runCheck(probe(['200-299']), OPEN)).toMatchObject({ status: 'DOWN', statusCode: 302, cause: 'http_status' });
    expect(await runCheck(probe(['302']), OPEN)).toMatchObject({ status: 'UP', statusCode: 302 });
    expect(seen.b.length).toBe(before);
  });
});

describe('planRedirect', () => {
  const current = {
    url: new URL('https://a.example/x/y'),
    method: 'POST' as const,
    headers: { Authorization: 'secret', Cookie: 'c=1', 'Content-Type': 'text/plain', 'X-Keep': '1', 'X-Api-Key': 'k' },
    secretHeaders: ['x-api-key'],
    body: 'b',
  };

  it('drops credentials and secret headers across origins, and body headers when switching to GET', () => {
    const next = planRedirect(current, 303, 'https://b.example/z#frag');
    expect(next.url.href).toBe('https://b.example/z');
    expect(next).toMatchObject({ method: 'GET', body: null });
    expect(next.headers).toEqual({ 'X-Keep': '1' });
  });

  it.each([
    ['another host', 'https://b.example/x'],
    ['another port', 'https://a.example:8443/x'],
    ['another scheme', 'http://a.example/x'],
  ])('treats %s as another origin', (_what, location) => {
    expect(planRedirect(current, 307, location).headers).toEqual({ 'Content-Type': 'text/plain', 'X-Keep': '1' });
  });

  it('keeps everything on a same-origin 307', () => {
    const next = planRedirect(current, 307, '../q');
    expect(next.url.href).toBe('https://a.example/q');
    expect(next).toMatchObject({ method: 'POST', body: 'b', headers: current.headers });
  });

  it('rejects non-http schemes', () => {
    expect(() => planRedirect(current, 302, 'file:///etc/passwd')).toThrow(/unsupported scheme file:/);
  });
});
