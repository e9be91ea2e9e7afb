import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '@/lib/checker/run-check';
import { closedPort, fakeLookup, OPEN, STRICT, startTcpServer, tcpProbe, type TestServer } from './helpers';

let server: TestServer;

beforeAll(async () => {
  server = await startTcpServer((socket) => socket.end('hello\n'));
});
afterAll(() => server.close());

describe('TCP probe', () => {
  it('is UP when the port accepts, with latency and connect timing', async () => {
    const outcome = await runCheck(tcpProbe('127.0.0.1', server.port), OPEN);
    expect(outcome).toMatchObject({ status: 'UP', statusCode: null, cause: null, tls: null });
    expect(outcome.timings).toMatchObject({ dnsMs: null, tlsMs: null, ttfbMs: null, transferMs: null });
    expect(outcome.timings!.connectMs).toBeGreaterThanOrEqual(0);
    expect(outcome.latencyMs).toBe(Math.round(outcome.timings!.totalMs));
  });

  it('resolves names through the safe lookup', async () => {
    const lookup = fakeLookup({ 'db.test': ['127.0.0.1'] });
    const outcome = await runCheck(tcpProbe('db.test', server.port), OPEN, { lookup });
    expect(outcome.status).toBe('UP');
    expect(outcome.timings!.dnsMs).toBeGreaterThanOrEqual(0);
  });

  it('is connection_refused on a closed port', async () => {
    const outcome = await runCheck(tcpProbe('127.0.0.1', await closedPort()), OPEN);
    expect(outcome).toMatchObject({ status: 'DOWN', cause: 'connection_refused' });
  });

  it('is dns_failure when the name does not resolve', async () => {
    const outcome = await runCheck(tcpProbe('does-not-exist.invalid', 80), OPEN, { lookup: fakeLookup({}) });
    expect(outcome).toMatchObject({ status: 'DOWN', cause: 'dns_failure' });
  });

  it('is timeout within the deadline', async () => {
    const started = performance.now();
    const never = () => new Promise<never>(() => {});
    const outcome = await runCheck(tcpProbe('stuck.test', 80, { timeoutMs: 200 }), OPEN, { lookup: never });
    expect(outcome).toMatchObject({ cause: 'timeout', error: 'Timed out after 200 ms (resolving DNS)' });
    expect(performance.now() - started).toBeLessThan(400);
  });

  it.each(['127.0.0.1', '::1', '[::1]', 'localhost'])('refuses %s when private targets are blocked', async (host) => {
    const before = server.connectionCount();
    const outcome = await runCheck(tcpProbe(host, server.port), STRICT);
    expect(outcome).toMatchObject({ status: 'BLOCKED', cause: 'blocked_target', error: 'Refused: loopback address' });
    expect(server.connectionCount()).toBe(before);
  });

  it('turns an invalid port into a DOWN outcome instead of throwing', async () => {
    const outcome = await runCheck(tcpProbe('127.0.0.1', 70000), OPEN);
    expect(outcome).toMatchObject({ status: 'DOWN', cause: 'network_error' });
  });
});
