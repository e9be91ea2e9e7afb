// Certificates are generated at test time with openssl; servers are https on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '@/lib/checker/run-check';
import type { HttpProbe } from '@/lib/checker/types';
import { makeTestCerts } from './certs';
import { httpProbe, OPEN, startHttpServer, startHttpsServer, type TestServer } from './helpers';
import { testRoutes } from './routes';

let selfSigned: TestServer;
let expired: TestServer;
let plain: TestServer;
const check = (server: TestServer, path: string, overrides: Partial<HttpProbe> = {}) =>
  runCheck(httpProbe(`${server.origin}${path}`, overrides), OPEN);

beforeAll(async () => {
  const certs = makeTestCerts();
  selfSigned = await startHttpsServer({ key: certs.key, cert: certs.selfSigned }, testRoutes);
  expired = await startHttpsServer({ key: certs.key, cert: certs.expired }, testRoutes);
  plain = await startHttpServer(testRoutes);
});
afterAll(async () => {
  await Promise.all([selfSigned.close(), expired.close(), plain.close()]);
});

describe('certificate errors', () => {
  it.each([
    ['self-signed', () => selfSigned, 'TLS error: self-signed certificate'],
    ['expired', () => expired, 'TLS error: certificate has expired'],
  ])('%s -> tls_error', async (_label, server, message) => {
    const outcome = await check(server(), '/ok');
    expect(outcome).toMatchObject({ status: 'DOWN', cause: 'tls_error', error: message, statusCode: null });
  });

  it('talking TLS to a plain HTTP port is a tls_error', async () => {
    const outcome = await runCheck(httpProbe(`https://127.0.0.1:${plain.port}/ok`), OPEN);
    expect(outcome).toMatchObject({ status: 'DOWN', cause: 'tls_error' });
  });
});

describe('ignoreTlsErrors', () => {
  it('is UP on a self-signed certificate and records it', async () => {
    const outcome = await check(selfSigned, '/ok', { ignoreTlsErrors: true });
    expect(outcome).toMatchObject({ status: 'UP', statusCode: 200 });
    expect(outcome.tls!.issuer).toBe('Pingboard Test CA');
    const days = (outcome.tls!.validTo.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(28);
    expect(days).toBeLessThan(31);
    expect(outcome.timings!.tlsMs).toBeGreaterThanOrEqual(0);
  });

  it('is UP on an expired certificate and records its expiry', async () => {
    const outcome = await check(expired, '/ok', { ignoreTlsErrors: true });
    expect(outcome.status).toBe('UP');
    expect(outcome.tls).toEqual({ validTo: new Date('2020-02-01T00:00:00Z'), issuer: 'Expired Test' });
  });
});

describe('redirects across schemes', () => {
  it('records the certificate of the final https hop', async () => {
    const target = encodeURIComponent(`${selfSigned.origin}/ok`);
    const outcome = await check(plain, `/to?url=${target}`, { ignoreTlsErrors: true });
    expect(outcome.status).toBe('UP');
    expect(outcome.tls?.issuer).toBe('Pingboard Test CA');
  });

  it('has no certificate when the final hop is plain http', async () => {
    const target = encodeURIComponent(`${plain.origin}/ok`);
    const outcome = await check(selfSigned, `/to?url=${target}`, { ignoreTlsErrors: true });
    expect(outcome).toMatchObject({ status: 'UP', tls: null });
    expect(outcome.timings!.tlsMs).toBeNull();
  });
});
