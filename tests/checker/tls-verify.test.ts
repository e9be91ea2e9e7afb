// Certificate verification done by the checker itself (Node's rejectUnauthorized is off so the
// certificate can be read): a rejected certificate still reports its expiry, nothing is sent to
// a server whose certificate failed, and the host name is still verified.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '@/lib/checker/run-check';
import { makeTestCerts } from './certs';
import { httpProbe, OPEN, startHttpsServer, type TestServer } from './helpers';
import { testRoutes } from './routes';

let expired: TestServer;
let selfSigned: TestServer;
let requests = 0;

beforeAll(async () => {
  const certs = makeTestCerts();
  const counting: typeof testRoutes = (req, res) => {
    requests++;
    testRoutes(req, res);
  };
  expired = await startHttpsServer({ key: certs.key, cert: certs.expired }, counting);
  selfSigned = await startHttpsServer({ key: certs.key, cert: certs.selfSigned }, counting);
});
afterAll(async () => {
  await Promise.all([expired.close(), selfSigned.close()]);
});

describe('a rejected certificate', () => {
  it('expired: tls_error with the certificate recorded, and no request sent', async () => {
    const before = requests;
    const outcome = await runCheck(httpProbe(`${expired.origin}/echo`, { method: 'POST', body: 'secret' }), OPEN);
    expect(outcome).toMatchObject({ status: 'DOWN', cause: 'tls_error', error: 'TLS error: certificate has expired', statusCode: null });
    expect(outcome.tls).toEqual({ validTo: new Date('2020-02-01T00:00:00Z'), issuer: 'Expired Test' });
    expect(outcome.timings!.tlsMs).toBeGreaterThanOrEqual(0);
    expect(requests).toBe(before);
  });

  it('self-signed: tls_error with the certificate recorded, and no request sent', async () => {
    const before = requests;
    const outcome = await runCheck(httpProbe(`${selfSigned.origin}/ok`), OPEN);
    expect(outcome).toMatchObject({ status: 'DOWN', cause: 'tls_error', error: 'TLS error: self-signed certificate' });
    expect(outcome.tls?.issuer).toBe('Pingboard Test CA');
    expect(requests).toBe(before);
  });
});

// Host name checks need a certificate the process trusts. Node reads extra CAs only at start,
// so these run runCheck in a child process started with NODE_EXTRA_CA_CERTS.
describe('host name verification with a trusted CA', () => {
  let dir: string;
  let servers: TestServer[] = [];
  let caFile: string;
  const certFor = (name: string, san: string) => {
    const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    run('req', '-new', '-key', 'key.pem', '-out', `${name}.csr`, '-subj', `/CN=${name}`);
    writeFileSync(path.join(dir, `${name}.ext`), `subjectAltName=${san}\n`);
    run('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'key.pem', '-CAcreateserial',
      '-out', `${name}.pem`, '-days', '5', '-extfile', `${name}.ext`);
    return readFileSync(path.join(dir, `${name}.pem`), 'utf8');
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'pingboard-ca-'));
    const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    run('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'key.pem');
    run('req', '-x509', '-key', 'key.pem', '-out', 'ca.pem', '-days', '5', '-subj', '/CN=Pingboard Trusted Test CA');
    caFile = path.join(dir, 'ca.pem');
    const key = readFileSync(path.join(dir, 'key.pem'), 'utf8');
    servers = [
      await startHttpsServer({ key, cert: certFor('right', 'IP:127.0.0.1') }, testRoutes),
      await startHttpsServer({ key, cert: certFor('wrong', 'DNS:other.example') }, testRoutes),
    ];
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  // Asynchronous: the servers live in this process and must keep answering meanwhile.
  async function checkInChild(url: string, ignoreTlsErrors: boolean): Promise<{ status: string; cause: string | null; error: string | null; issuer: string | null }> {
    const script = `
      const { runCheck } = await import(${JSON.stringify(path.resolve('lib/checker/run-check.ts'))});
      const o = await runCheck({ type: 'http', url: process.env.URL, method: 'GET', headers: [], body: null, timeoutMs: 3000,
        acceptedStatusCodes: ['200-299'], followRedirects: false, maxRedirects: 0, keyword: null, keywordMode: 'present',
        keywordCaseSensitive: true, jsonAssertions: [], maxResponseTimeMs: null, ignoreTlsErrors: process.env.IGNORE === '1' },
        { blockPrivateTargets: false });
      console.log(JSON.stringify({ status: o.status, cause: o.cause, error: o.error, issuer: o.tls?.issuer ?? null }));`;
    const { stdout: out } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile, URL: url, IGNORE: ignoreTlsErrors ? '1' : '0' },
      encoding: 'utf8',
    });
    return JSON.parse(out.trim().split('\n').pop()!);
  }

  it('is UP when the trusted certificate names the host', async () => {
    expect(await checkInChild(`${servers[0].origin}/ok`, false)).toEqual({ status: 'UP', cause: null, error: null, issuer: 'Pingboard Trusted Test CA' });
  });

  it('is a tls_error (hostname mismatch) when it names another host, unless TLS errors are ignored', async () => {
    expect(await checkInChild(`${servers[1].origin}/ok`, false)).toEqual({
      status: 'DOWN',
      cause: 'tls_error',
      error: 'TLS error: hostname mismatch',
      issuer: 'Pingboard Trusted Test CA',
    });
    expect(await checkInChild(`${servers[1].origin}/ok`, true)).toMatchObject({ status: 'UP' });
  });
});
