// Matrix items 13 (a hostile monitor name is escaped in the DOWN email's HTML part) and 14
// (password hashes, the JWT secret, the SendGrid key and secret request-header values never
// appear in API responses, pages, logs or emails).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { Api, waitFor, type ApiResponse } from '../support/api';
import { startFakeSendgrid, type FakeSendgrid } from '../support/fake-sendgrid';
import { dbRow, loginCookie, randomSecret, raw, uniqueEmail } from './security-support';

const XSS_NAME = '"><img src=x onerror=alert(1)>';
const JWT_SECRET = randomSecret();
const SENDGRID_KEY = `SG.${randomSecret()}`;
const SECRET_HEADER_VALUE = `Bearer hdr-${randomSecret()}`;
const SECOND_SECRET = `rotated-${randomSecret()}`;
const PASSWORD = `pw-${randomSecret().slice(0, 20)}`;

/** A failing target that remembers the headers it was sent. */
interface RecordingTarget {
  url: string;
  seen: http.IncomingHttpHeaders[];
  close(): Promise<void>;
}
async function startRecordingTarget(status: number): Promise<RecordingTarget> {
  const seen: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    res.writeHead(status, { 'content-type': 'text/plain' }).end('nope');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/status`,
    seen,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

let app: AppServer;
let sendgrid: FakeSendgrid;
let target: RecordingTarget;
let api: Api;
let email: string;
let monitorId: string;
/** Every response body and header block the tests saw, to grep at the end. */
const seenResponses: string[] = [];

function record<R extends ApiResponse | { status: number; headers: Headers; text: string }>(res: R): R {
  const body = 'text' in res ? res.text : JSON.stringify(res.body);
  seenResponses.push(`${res.status} ${JSON.stringify([...res.headers.entries()])} ${body}`);
  return res;
}

beforeAll(async () => {
  [sendgrid, target] = await Promise.all([startFakeSendgrid({ failTimes: 1, status: 500 }), startRecordingTarget(503)]);
  app = await startApp({
    env: {
      JWT_SECRET,
      SENDGRID_API_KEY: SENDGRID_KEY,
      SENDGRID_API_BASE_URL: sendgrid.url,
      ALERT_EMAIL_FROM: 'alerts@pingboard.test',
      ALERT_RETRY_BASE_MS: '20',
      // As chatty as the server gets: whatever it logs at any level is grepped below.
      LOG_LEVEL: 'trace',
    },
  });
  api = new Api(app.url);
  email = uniqueEmail('secrets');
  record(await api.post('/api/auth/signup', { email, password: PASSWORD }).then((r) => ((api.token = r.body.token), r)));
});
afterAll(async () => {
  await app?.dispose();
  await Promise.all([sendgrid?.close(), target?.close()]);
});

describe('14. secret request headers', () => {
  it('stores a secret header, sends it to the target, and shows its value as null in every response', async () => {
    const created = record(
      await api.post('/api/monitors', {
        name: XSS_NAME,
        url: target.url,
        intervalSeconds: 1,
        timeoutSeconds: 1,
        retries: 0,
        headers: [
          { name: 'Authorization', value: SECRET_HEADER_VALUE, secret: true },
          { name: 'X-Visible', value: 'visible-value' },
        ],
      }),
    );
    expect(created.status).toBe(201);
    monitorId = created.body.monitor.id;
    expect(created.body.monitor.headers).toEqual([
      { name: 'Authorization', value: null, secret: true },
      { name: 'X-Visible', value: 'visible-value', secret: false },
    ]);
    // The target really gets it: the secret is kept, only hidden.
    await waitFor(async () => target.seen.some((h) => h.authorization === SECRET_HEADER_VALUE), 5000, 'the secret header at the target');

    for (const path of ['/api/monitors', `/api/monitors/${monitorId}`]) {
      const res = record(await api.get(path));
      expect(JSON.stringify(res.body)).not.toContain(SECRET_HEADER_VALUE);
      const m = path === '/api/monitors' ? res.body.monitors[0] : res.body.monitor;
      expect(m.headers[0]).toEqual({ name: 'Authorization', value: null, secret: true });
    }
    // An update that leaves the value out keeps the stored secret and still hides it.
    const renamed = record(await api.patch(`/api/monitors/${monitorId}`, { headers: [{ name: 'Authorization', secret: true }, { name: 'X-Visible', value: 'visible-value' }] }));
    expect(renamed.status).toBe(200);
    expect(renamed.body.monitor.headers[0].value).toBeNull();
    // A new secret value replaces it and is hidden the same way.
    const rotated = record(await api.patch(`/api/monitors/${monitorId}`, { headers: [{ name: 'Authorization', value: SECOND_SECRET, secret: true }] }));
    expect(rotated.body.monitor.headers).toEqual([{ name: 'Authorization', value: null, secret: true }]);
    await waitFor(async () => target.seen.some((h) => h.authorization === SECOND_SECRET), 5000, 'the rotated secret at the target');
  });

  it('does not echo a secret value back in a validation error', async () => {
    const res = record(await api.post('/api/monitors', { name: 'Bad', url: target.url, headers: [{ name: 'X-Key', value: `${SECRET_HEADER_VALUE}\r\n`, secret: true }] }));
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toContain(SECRET_HEADER_VALUE);
  });
});

describe('13. the DOWN email escapes a hostile monitor name', () => {
  it('sends the DOWN email with the name escaped in HTML and the raw markup nowhere in it', async () => {
    // The fake fails the first request on purpose (so the error path is logged): wait for the retry.
    const isDown = (m: { body: any }) => m.body?.subject?.startsWith('[DOWN]');
    const mails = await sendgrid.waitFor((all) => all.filter(isDown).length >= 2, 15_000);
    const down = mails.filter(isDown).at(-1)!;
    const html = down.body.content.find((c: { type: string }) => c.type === 'text/html').value as string;
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain(XSS_NAME);
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/onerror=alert\(1\)>/);
    // Plain text and the subject are not HTML: the name is shown as typed, on one line.
    expect(down.body.subject).toContain(XSS_NAME);
    expect(down.body.subject).not.toMatch(/[\r\n]/);
    expect(down.auth).toBe(`Bearer ${SENDGRID_KEY}`);
  });
});

describe('14. no secret in any response, page, log or email', () => {
  it('keeps the password, its hash, the JWT secret, the SendGrid key and secret header values out of everything', async () => {
    // Exercise the rest of the API and the pages so their output is in the haystack too.
    for (const path of ['/api/auth/me', `/api/monitors/${monitorId}/checks`, `/api/monitors/${monitorId}/incidents`, `/api/monitors/${monitorId}/alerts`, `/api/monitors/${monitorId}/uptime`, '/api/docs', '/api/healthz']) {
      record(await api.get(path));
    }
    record(await api.post(`/api/monitors/${monitorId}/check`));
    const { cookie } = await loginCookie(app, email, PASSWORD);
    for (const path of ['/', `/monitors/${monitorId}`, `/monitors/${monitorId}/edit`, '/monitors/new']) {
      const page = await raw(app.url + path, { headers: { cookie } });
      expect(page.status, path).toBe(200);
      record(page);
    }
    // A failed login and a failed password change go through the logging paths too.
    record(await raw(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: `${PASSWORD}-wrong` }) }));
    record(await api.post('/api/auth/password', { currentPassword: `${PASSWORD}-wrong`, newPassword: 'a-new-password-1' }));
    // Stop the monitor so the logs are final, then flush the server's output with a stop.
    record(await api.delete(`/api/monitors/${monitorId}`));
    const passwordHash = (await dbRow<{ h: string }>(app, 'SELECT "passwordHash" AS h FROM "User" WHERE email = ?', email))!.h;
    expect(passwordHash).toMatch(/^\$2[aby]\$/);
    await app.stop();

    const logs = app.logs();
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).toMatch(/alert/i); // the alert paths did log something
    const emails = sendgrid.received.map((m) => JSON.stringify(m.body)).join('\n');
    const haystacks = { responses: seenResponses.join('\n'), logs, emails };
    const secrets = {
      'password hash': passwordHash,
      'password hash body': passwordHash.slice(7),
      password: PASSWORD,
      'JWT secret': JWT_SECRET,
      'SendGrid key': SENDGRID_KEY,
      'SendGrid key body': SENDGRID_KEY.slice(3),
      'secret header value': SECRET_HEADER_VALUE,
      'rotated secret header value': SECOND_SECRET,
    };
    for (const [where, text] of Object.entries(haystacks)) {
      for (const [what, secret] of Object.entries(secrets)) {
        expect(text.includes(secret), `${what} found in ${where}`).toBe(false);
      }
    }
    expect(seenResponses.length).toBeGreaterThan(15);
    expect(sendgrid.received.length).toBeGreaterThan(0);
  });
});
