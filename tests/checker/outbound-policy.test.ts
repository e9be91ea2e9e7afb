// The outbound policy at check time. Only loopback servers are ever reachable; forbidden
// metadata addresses appear only as answers of an injected resolver (on port 9, where no
// metadata service listens), and the refusal must happen before any socket connects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LookupAddress } from 'node:dns';
import { runCheck } from '@/lib/checker/run-check';
import { BlockedTargetError, createSafeLookup } from '@/lib/checker/safe-lookup';
import type { OutboundPolicy } from '@/lib/checker/types';
import { fakeLookup, httpProbe, OPEN, STRICT, startHttpServer, tcpProbe, type TestServer } from './helpers';
import { testRoutes } from './routes';

let server: TestServer;
/** Strict, except the test server's own address, so a first hop can succeed. */
const STRICT_EXCEPT_SERVER: OutboundPolicy = { blockPrivateTargets: true, allowedAddresses: ['127.0.0.1'] };

beforeAll(async () => {
  server = await startHttpServer(testRoutes);
});
afterAll(() => server.close());

describe('blockPrivateTargets', () => {
  it.each([
    ['127.0.0.1', (port: number) => `http://127.0.0.1:${port}/ok`],
    ['[::1]', (port: number) => `http://[::1]:${port}/ok`],
    ['::ffff:127.0.0.1', (port: number) => `http://[::ffff:127.0.0.1]:${port}/ok`],
    ['::127.0.0.1', (port: number) => `http://[::127.0.0.1]:${port}/ok`],
    ['::ffff:0:127.0.0.1', (port: number) => `http://[::ffff:0:127.0.0.1]:${port}/ok`],
    ['64:ff9b::127.0.0.1', (port: number) => `http://[64:ff9b::127.0.0.1]:${port}/ok`],
    ['2130706433', (port: number) => `http://2130706433:${port}/ok`],
  ])('refuses IP literal %s without connecting', async (_label, url) => {
    const lookup = fakeLookup({});
    const before = server.connectionCount();
    const outcome = await runCheck(httpProbe(url(server.port)), STRICT, { lookup });
    expect(server.connectionCount()).toBe(before);
    expect(outcome).toMatchObject({ status: 'BLOCKED', cause: 'blocked_target', statusCode: null, error: 'Refused: loopback address' });
    expect(outcome.timings!.connectMs).toBeNull();
    expect(lookup.calls).toEqual([]); // literals are judged before any DNS or socket
  });

  it('refuses localhost through the real system resolver', async () => {
    const outcome = await runCheck(httpProbe(`http://localhost:${server.port}/ok`), STRICT);
    // The class only: the address a name resolves to is the operator's internal DNS.
    expect(outcome).toMatchObject({ status: 'BLOCKED', cause: 'blocked_target', error: 'Refused: loopback address' });
  });

  it('allows the same targets when the policy is open', async () => {
    expect((await runCheck(httpProbe(`http://localhost:${server.port}/ok`), OPEN)).status).toBe('UP');
    expect((await runCheck(httpProbe(`http://127.0.0.1:${server.port}/ok`), OPEN)).status).toBe('UP');
  });

  it('refuses a name if any of its addresses is forbidden', async () => {
    const lookup = fakeLookup({ 'mixed.test': ['127.0.0.1', '127.0.0.5'] });
    const outcome = await runCheck(httpProbe(`http://mixed.test:${server.port}/ok`), STRICT_EXCEPT_SERVER, { lookup });
    expect(outcome).toMatchObject({ status: 'BLOCKED', cause: 'blocked_target', error: 'Refused: loopback address' });
  });

  it('checks every redirect hop: an IP literal hop', async () => {
    const target = encodeURIComponent(`http://127.0.0.2:${server.port}/ok`);
    const before = server.connectionCount();
    const outcome = await runCheck(httpProbe(`${server.origin}/to?url=${target}`), STRICT_EXCEPT_SERVER);
    expect(server.connectionCount()).toBe(before + 1); // the first hop only
    expect(outcome).toMatchObject({ status: 'BLOCKED', cause: 'blocked_target', statusCode: null, error: 'Refused: loopback address' });
  });

  it('checks every redirect hop: a hop whose name resolves to a forbidden address', async () => {
    const lookup = fakeLookup({ 'internal.test': ['127.0.0.3'] });
    const target = encodeURIComponent(`http://internal.test:${server.port}/ok`);
    const outcome = await runCheck(httpProbe(`${server.origin}/to?url=${target}`), STRICT_EXCEPT_SERVER, { lookup });
    expect(outcome).toMatchObject({ status: 'BLOCKED', error: 'Refused: loopback address' });
    expect(lookup.calls).toEqual(['internal.test']);
  });

  it('defeats DNS rebinding: each connection re-checks the address it will use', async () => {
    const answers = ['127.0.0.1', '127.0.0.9'];
    const lookup = async (): Promise<LookupAddress[]> => [{ address: answers.shift() ?? '127.0.0.9', family: 4 }];
    const url = `http://rebind.test:${server.port}/to?url=${encodeURIComponent('/ok')}`;
    const outcome = await runCheck(httpProbe(url), STRICT_EXCEPT_SERVER, { lookup });
    expect(outcome).toMatchObject({ status: 'BLOCKED', error: 'Refused: loopback address' });
  });
});

describe('metadata and link-local are always refused', () => {
  it.each([
    ['169.254.169.254', 'cloud metadata address'],
    ['100.100.100.200', 'cloud metadata address'],
    ['fd00:ec2::254', 'cloud metadata address'],
    ['169.254.10.10', 'link-local address'],
    ['fe80::1', 'link-local address'],
    ['::ffff:169.254.169.254', 'cloud metadata address'],
    ['::169.254.169.254', 'cloud metadata address'],
    ['64:ff9b:1::a9fe:a9fe', 'cloud metadata address'],
  ])(
    'refuses %s from the resolver with the policy open, before connecting, naming only its class',
    async (address, label) => {
      const lookup = fakeLookup({ 'metadata.test': [address] });
      const started = performance.now();
      const outcome = await runCheck(httpProbe('http://metadata.test:9/latest', { timeoutMs: 300 }), OPEN, { lookup });
      expect(outcome).toMatchObject({ status: 'BLOCKED', cause: 'blocked_target', statusCode: null, error: `Refused: ${label}` });
      expect(outcome.timings!.connectMs).toBeNull();
      expect(lookup.calls).toEqual(['metadata.test']);
      expect(performance.now() - started).toBeLessThan(250); // refused at once, not timed out

      const tcp = await runCheck(tcpProbe('metadata.test', 9, { timeoutMs: 300 }), OPEN, { lookup });
      expect(tcp).toMatchObject({ status: 'BLOCKED', cause: 'blocked_target', error: `Refused: ${label}` });
    },
  );

  it('the lookup hook itself refuses, in both callback shapes', async () => {
    const hook = createSafeLookup(OPEN, fakeLookup({ 'meta.test': ['169.254.169.254'] }));
    for (const all of [true, false]) {
      const err = await new Promise<unknown>((resolve) => hook('meta.test', { all }, (e) => resolve(e)));
      expect(err).toBeInstanceOf(BlockedTargetError);
      expect((err as BlockedTargetError).address).toBe('169.254.169.254');
    }
  });
});

describe('createSafeLookup', () => {
  const resolve = fakeLookup({ 'dual.test': ['127.0.0.1', '::1'] });
  const call = (options: { all?: boolean; family?: number }) =>
    new Promise<[unknown, unknown, unknown]>((done) =>
      createSafeLookup(OPEN, resolve)('dual.test', options, (err, address, family) => done([err, address, family])),
    );

  it('answers in the shape Node asked for, honouring the family', async () => {
    expect(await call({ all: true })).toEqual([
      null,
      [
        { address: '127.0.0.1', family: 4 },
        { address: '::1', family: 6 },
      ],
      undefined,
    ]);
    expect(await call({})).toEqual([null, '127.0.0.1', 4]);
    expect(await call({ family: 6 })).toEqual([null, '::1', 6]);
  });
});
