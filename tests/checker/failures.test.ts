// Network failures: each must end as DOWN with the right cause, within the deadline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '@/lib/checker/run-check';
import type { HttpProbe } from '@/lib/checker/types';
import { closedPort, fakeLookup, httpProbe, OPEN, startHttpServer, startTcpServer, type TestServer } from './helpers';
import { testRoutes } from './routes';

/** Scheduling slack on top of the deadline; the contract is timeout + ~200 ms. */
const MARGIN_MS = 200;

let server: TestServer;
let silent: TestServer; // accepts TCP, never sends a byte
const check = (path: string, overrides: Partial<HttpProbe> = {}) =>
  runCheck(httpProbe(`${server.origin}${path}`, overrides), OPEN);

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await fn();
  return [result, performance.now() - start];
}

beforeAll(async () => {
  server = await startHttpServer(testRoutes);
  // resume() so the server side reads the client's FIN and closes too
  silent = await startTcpServer((socket) => socket.resume());
});
afterAll(async () => {
  await server.close();
  await silent.close();
});

describe('timeouts', () => {
  it.each([
    ['an HTTP server that never answers', '/hang', 'waiting for response'],
    ['headers then one byte per second', '/drip', 'reading body'],
  ])('%s -> timeout', async (_label, path, phase) => {
    const [outcome, elapsed] = await timed(() => check(path, { timeoutMs: 1200 }));
    expect(outcome).toMatchObject({ status: 'DOWN', cause: 'timeout', error: `Timed out after 1.2 s (${phase})` });
    expect(elapsed).toBeGreaterThanOrEqual(1190);
    expect(elapsed).toBeLessThan(1200 + MARGIN_MS);
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(1190);
  });

  it('times out on a TCP server that accepts and never speaks HTTP', async () => {
    const [outcome, elapsed] = await timed(() => runCheck(httpProbe(`http://127.0.0.1:${silent.port}/`, { timeoutMs: 300 }), OPEN));
    expect(outcome).toMatchObject({ cause: 'timeout', error: 'Timed out after 300 ms (waiting for response)' });
    expect(elapsed).toBeLessThan(300 + MARGIN_MS);
  });

  it('times out while DNS never answers', async () => {
    const never = () => new Promise<never>(() => {});
    const probe = httpProbe('http://stuck.test/', { timeoutMs: 200 });
    const [outcome, elapsed] = await timed(() => runCheck(probe, OPEN, { lookup: never }));
    expect(outcome).toMatchObject({ cause: 'timeout', error: 'Timed out after 200 ms (resolving DNS)' });
    expect(elapsed).toBeLessThan(200 + MARGIN_MS);
  });

  it('one deadline covers all redirect hops', async () => {
    // each hop is fast, the final one hangs: total must still stop at the deadline
    const [outcome, elapsed] = await timed(() => check(`/to?url=${encodeURIComponent('/hang')}`, { timeoutMs: 400 }));
    expect(outcome.cause).toBe('timeout');
    expect(elapsed).toBeLessThan(400 + MARGIN_MS);
  });
});

describe('endless body', () => {
  it('is UP after reading 1 MiB when only the status matters', async () => {
    const [outcome, elapsed] = await timed(() => check('/endless', { timeoutMs: 5000 }));
    expect(outcome).toMatchObject({ status: 'UP', statusCode: 200 });
    expect(elapsed).toBeLessThan(5000);
  });

  it('is response_too_large when a keyword is set', async () => {
    const outcome = await check('/endless', { timeoutMs: 5000, keyword: 'x' });
    expect(outcome).toMatchObject({ status: 'DOWN', cause: 'response_too_large', statusCode: 200 });
  });
});

describe('connection failures', () => {
  it('reset before a response -> connection_reset', async () => {
    const outcome = await check('/reset');
    expect(outcome).toMatchObject({ status: 'DOWN', cause: 'connection_reset', statusCode: null });
  });

  it('reset in the middle of the body -> connection_reset', async () => {
    expect(await check('/reset-mid-body')).toMatchObject({ status: 'DOWN', cause: 'connection_reset' });
  });

  it('closed port -> connection_refused', async () => {
    const port = await closedPort();
    const outcome = await runCheck(httpProbe(`http://127.0.0.1:${port}/`), OPEN);
    expect(outcome).toMatchObject({ status: 'DOWN', cause: 'connection_refused', error: 'Connection refused' });
  });

  it('name that does not resolve -> dns_failure (injected resolver, no real DNS)', async () => {
    const lookup = fakeLookup({});
    const outcome = await runCheck(httpProbe('http://does-not-exist.invalid/'), OPEN, { lookup });
    expect(outcome).toMatchObject({
      status: 'DOWN',
      cause: 'dns_failure',
      error: 'DNS lookup failed for does-not-exist.invalid',
    });
    expect(lookup.calls).toEqual(['does-not-exist.invalid']);
  });

  it('resolves names through the injected resolver and reports dnsMs', async () => {
    const lookup = fakeLookup({ 'app.test': ['127.0.0.1'] });
    const outcome = await runCheck(httpProbe(`http://app.test:${server.port}/ok`), OPEN, { lookup });
    expect(outcome.status).toBe('UP');
    expect(outcome.timings!.dnsMs).toBeGreaterThanOrEqual(0);
  });

  it.each([
    ['throws synchronously', (): never => { throw new Error('resolver exploded'); }, 'network_error'],
    ['answers nothing', async () => [], 'dns_failure'],
  ] as const)('a resolver that %s ends as %s', async (_label, lookup, cause) => {
    const outcome = await runCheck(httpProbe('http://odd.test/'), OPEN, { lookup });
    expect(outcome).toMatchObject({ status: 'DOWN', cause });
  });

  it('never throws, even with a broken clock', async () => {
    const outcome = await runCheck(httpProbe(`${server.origin}/ok`), OPEN, {
      now: () => {
        throw new Error('clock broke');
      },
    });
    expect(outcome.status).toBe('UP');
  });
});
