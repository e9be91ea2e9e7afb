// Shared by the engine-*.test.ts files: the real server with a fake SendGrid, a recording
// loopback target, certificates made at test time, and small polling helpers.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingHttpHeaders, RequestListener } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApp, type AppServer } from '../support/app-server';
import { Api, waitFor } from '../support/api';
import { startFakeSendgrid, type FakeSendgrid, type ReceivedMail } from '../support/fake-sendgrid';
import { startHttpServer, type TestServer } from '../checker/helpers';
import { testRoutes } from '../checker/routes';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface EngineApp {
  app: AppServer;
  api: Api;
  email: string;
  sendgrid: FakeSendgrid;
  /** Mails to this app's user, in arrival order. */
  mails(): ReceivedMail[];
  subjects(): string[];
  close(): Promise<void>;
}

/** The production server with its own data directory, a signed-up user and a fake SendGrid. */
export async function startEngineApp(env: Record<string, string> = {}): Promise<EngineApp> {
  const sendgrid = await startFakeSendgrid();
  const app = await startApp({
    env: { SENDGRID_API_KEY: 'SG.engine-test', SENDGRID_API_BASE_URL: sendgrid.url, ALERT_RETRY_BASE_MS: '50', ...env },
  });
  const api = new Api(app.url);
  const email = `engine-${Math.random().toString(36).slice(2)}@example.com`;
  await api.signup(email);
  const mails = () => sendgrid.received.filter((m) => m.body?.personalizations?.[0]?.to?.[0]?.email === email);
  return {
    app,
    api,
    email,
    sendgrid,
    mails,
    subjects: () => mails().map((m) => String(m.body.subject)),
    close: async () => {
      await app.dispose();
      await sendgrid.close();
    },
  };
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** The checker test routes (/ok, /json, /echo, /slow, /hang, /drip, /loop-a, ...) on loopback, recording every request. */
export async function startRecordingTarget(): Promise<TestServer & { seen: SeenRequest[] }> {
  const seen: SeenRequest[] = [];
  const handler: RequestListener = (req, res) => {
    let body = '';
    // Chunks are strings once a route (/echo) has set an encoding.
    req.on('data', (c: Buffer | string) => (body += typeof c === 'string' ? c : c.toString('utf8')));
    req.on('end', () => seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body }));
    testRoutes(req, res);
  };
  const server = await startHttpServer(handler);
  return Object.assign(server, { seen });
}

/** A self-signed certificate for 127.0.0.1 valid for `days` from now, made with the openssl CLI. */
export function makeShortLivedCert(days: number, commonName: string): { key: string; cert: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'pingboard-engine-cert-'));
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  try {
    run('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'key.pem');
    run('req', '-x509', '-key', 'key.pem', '-out', 'cert.pem', '-days', String(days), '-subj', `/CN=${commonName}`,
      '-addext', 'subjectAltName=IP:127.0.0.1');
    return { key: readFileSync(path.join(dir, 'key.pem'), 'utf8'), cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function monitorOf(api: Api, id: string) {
  const res = await api.get(`/api/monitors/${id}`);
  if (res.status !== 200) throw new Error(`GET monitor ${id}: ${res.status}`);
  return res.body.monitor;
}

export async function checksOf(api: Api, id: string): Promise<any[]> {
  return (await api.get(`/api/monitors/${id}/checks?limit=200`)).body.checks;
}

export async function incidentsOf(api: Api, id: string): Promise<any[]> {
  return (await api.get(`/api/monitors/${id}/incidents`)).body.incidents;
}

export async function alertsOf(api: Api, id: string): Promise<any[]> {
  return (await api.get(`/api/monitors/${id}/alerts`)).body.alerts;
}

export function waitForStatus(api: Api, id: string, status: string, timeoutMs: number) {
  return waitFor(async () => {
    const m = await monitorOf(api, id);
    return m.status === status ? m : null;
  }, timeoutMs, `monitor ${id} ${status}`);
}

export { waitFor };
