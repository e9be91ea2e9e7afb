// Matrix item 5: cookie-authenticated mutations from another origin are refused with 403;
// Bearer-authenticated scripts keep working from anywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { Api } from '../support/api';
import { count, loginCookie, raw, uniqueEmail } from './security-support';

let app: AppServer;
let api: Api;
let cookie: string;
let monitorId: string;
const password = 'csrf-password-1';
let email: string;

beforeAll(async () => {
  app = await startApp();
  api = new Api(app.url);
  email = uniqueEmail('csrf');
  await api.signup(email, password);
  cookie = (await loginCookie(app, email, password)).cookie;
  monitorId = (await api.post('/api/monitors', { name: 'Target of CSRF', url: 'https://example.com', active: false })).body.monitor.id;
});
afterAll(async () => {
  await app?.dispose();
});

const CROSS_SITE: Array<[string, Record<string, string>]> = [
  ['Origin https://evil.example', { origin: 'https://evil.example' }],
  ['Origin null', { origin: 'null' }],
  ['no Origin, Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
  ['no Origin, Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }],
  ['Origin of our host on another port', { origin: 'http://127.0.0.1:1' }],
  ['our own Origin, but the browser says cross-site (another scheme of our host)', { origin: '', 'sec-fetch-site': 'cross-site' }], // origin filled in below
  ['Origin that only starts like ours', { origin: '' }], // filled in below: http://<host:port>.evil.example
  ['a malformed Origin', { origin: 'not a url' }],
  ['cross-site Origin with a same-origin Sec-Fetch-Site', { origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' }],
  // Without TRUST_PROXY a client-sent X-Forwarded-Host must not make a foreign Origin look like ours.
  ['foreign Origin with a matching X-Forwarded-Host', { origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' }],
];

function crossSite(): Array<[string, Record<string, string>]> {
  const host = new URL(app.url).host;
  return CROSS_SITE.map(([what, h]) => {
    if (h.origin === '' && what.startsWith('our own Origin')) return [what, { ...h, origin: app.url }];
    if (what === 'Origin that only starts like ours') return [what, { origin: `http://${host}.evil.example` }];
    return [what, h];
  });
}

const MUTATIONS = (): Array<[string, string, unknown]> => [
  ['POST', '/api/monitors', { name: 'Planted by evil', url: 'https://evil.example' }],
  ['PATCH', `/api/monitors/${monitorId}`, { name: 'Renamed by evil' }],
  ['PUT', `/api/monitors/${monitorId}`, { url: 'https://evil.example' }],
  ['POST', `/api/monitors/${monitorId}/check`, undefined],
  ['DELETE', `/api/monitors/${monitorId}`, undefined],
  ['POST', '/api/auth/password', { currentPassword: password, newPassword: 'chosen-by-evil-1' }],
  ['DELETE', '/api/auth/me', { password }],
  ['POST', '/api/auth/logout', undefined],
];

function send(method: string, path: string, body: unknown, headers: Record<string, string>) {
  return raw(app.url + path, {
    method,
    headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe('5. cross-site cookie mutations are refused', () => {
  it('answers 403 to every cookie-authenticated mutation from another origin, and nothing changes', async () => {
    for (const [what, headers] of crossSite()) {
      for (const [method, path, body] of MUTATIONS()) {
        const res = await send(method, path, body, { cookie, ...headers });
        expect(res.status, `${method} ${path} with ${what}`).toBe(403);
        expect(res.json?.error?.code).toBe('forbidden');
      }
    }
    // The session, the password and the monitor are as they were.
    expect((await raw(`${app.url}/api/auth/me`, { headers: { cookie } })).status).toBe(200);
    const m = (await api.get(`/api/monitors/${monitorId}`)).body.monitor;
    expect(m).toMatchObject({ name: 'Target of CSRF', url: 'https://example.com' });
    expect(await count(app, 'SELECT COUNT(*) AS n FROM "Monitor"')).toBe(1);
    expect((await loginCookie(app, email, password)).token).toBeTruthy();
  });

  it('refuses cross-site form posts (text/plain, urlencoded) just the same', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await raw(`${app.url}/api/monitors`, {
        method: 'POST',
        headers: { cookie, origin: 'https://evil.example', 'content-type': type },
        body: '{"name":"form","url":"https://evil.example"}',
      });
      expect(res.status, type).toBe(403);
    }
    expect(await count(app, 'SELECT COUNT(*) AS n FROM "Monitor"')).toBe(1);
  });

  it('refuses login CSRF: a cross-site login that would plant the attacker\'s session', async () => {
    for (const [what, headers] of crossSite()) {
      const res = await send('POST', '/api/auth/login', { email, password }, headers);
      expect(res.status, what).toBe(403);
      expect(res.headers.get('set-cookie'), what).toBeNull();
      const signup = await send('POST', '/api/auth/signup', { email: uniqueEmail('csrf-signup'), password }, headers);
      expect(signup.status, what).toBe(403);
    }
  });

  it('accepts cookie mutations from our own origin and from same-origin fetches', async () => {
    const same = await send('PATCH', `/api/monitors/${monitorId}`, { name: 'Renamed at home' }, { cookie, origin: app.url });
    expect(same.status).toBe(200);
    const fetchMeta = await send('PATCH', `/api/monitors/${monitorId}`, { name: 'Renamed again' }, { cookie, 'sec-fetch-site': 'same-origin' });
    expect(fetchMeta.status).toBe(200);
    const typed = await send('PATCH', `/api/monitors/${monitorId}`, { name: 'Typed URL' }, { cookie, 'sec-fetch-site': 'none' });
    expect(typed.status).toBe(200);
  });

  it('keeps Bearer-authenticated scripts working whatever Origin or Sec-Fetch-Site they send', async () => {
    const bearer = { authorization: `Bearer ${api.token}` };
    for (const [what, headers] of [['no browser headers', {}], ...crossSite()] as Array<[string, Record<string, string>]>) {
      const res = await send('PATCH', `/api/monitors/${monitorId}`, { name: `Script ${what}` }, { ...bearer, ...headers });
      expect(res.status, what).toBe(200);
    }
    const created = await send('POST', '/api/monitors', { name: 'From a script', url: 'https://example.org', active: false }, { ...bearer, origin: 'https://evil.example' });
    expect(created.status).toBe(201);
    const deleted = await send('DELETE', `/api/monitors/${created.json.monitor.id}`, undefined, { ...bearer, origin: 'null' });
    expect(deleted.status).toBe(204);
  });

  it('does not let a cookie ride along with a bogus Authorization header', async () => {
    // A malformed or foreign Authorization header means "no session", not "fall back to the cookie".
    for (const authorization of ['Bearer not-a-token', 'Basic dXNlcjpwYXNz', 'Bearer']) {
      const res = await send('POST', '/api/monitors', { name: 'Smuggled', url: 'https://evil.example' }, { cookie, authorization, origin: 'https://evil.example' });
      expect([401, 403], authorization).toContain(res.status);
    }
    expect(await count(app, 'SELECT COUNT(*) AS n FROM "Monitor" WHERE name = ?', 'Smuggled')).toBe(0);
  });
});
