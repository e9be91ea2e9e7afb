// Matrix items 2 (JWT verification: HS256 only, exp required, no future iat) and 4 (logout,
// password change and account deletion revoke every earlier token, Bearer and cookie alike;
// deletion removes the account's data and stops its timers at once).
import { createHmac } from 'node:crypto';
import { SignJWT, decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { Api, waitFor } from '../support/api';
import { startTarget, type TargetServer } from '../support/target-server';
import { count, loginCookie, randomSecret, raw, sleep, uniqueEmail } from './security-support';

const JWT_SECRET = randomSecret();
const key = new TextEncoder().encode(JWT_SECRET);

let app: AppServer;
let target: TargetServer;
let otherTarget: TargetServer;

beforeAll(async () => {
  [app, target, otherTarget] = await Promise.all([startApp({ env: { JWT_SECRET } }), startTarget(503), startTarget(200)]);
});
afterAll(async () => {
  await Promise.all([app?.dispose(), target?.close(), otherTarget?.close()]);
});

const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

/** HS256 by hand with the server's secret, for payloads jose would refuse to produce. */
const hs256 = (payload: Record<string, unknown>) => {
  const unsigned = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(payload)}`;
  return `${unsigned}.${createHmac('sha256', JWT_SECRET).update(unsigned).digest('base64url')}`;
};

async function me(token: string, via: 'bearer' | 'cookie' = 'bearer') {
  const headers: Record<string, string> = via === 'bearer' ? { authorization: `Bearer ${token}` } : { cookie: `pingboard_session=${token}` };
  return raw(`${app.url}/api/auth/me`, { headers });
}

async function sign(claims: Record<string, unknown>, opts: { alg?: string; exp?: number | null; iat?: number | null; secret?: Uint8Array } = {}) {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: opts.alg ?? 'HS256', typ: 'JWT' });
  if (opts.iat !== null) jwt.setIssuedAt(opts.iat ?? now());
  if (opts.exp !== null) jwt.setExpirationTime(opts.exp ?? now() + 3600);
  return jwt.sign(opts.secret ?? key);
}

describe('2. JWT verification', () => {
  let user: { id: string; token: string };
  let ver: number;

  beforeAll(async () => {
    const api = new Api(app.url);
    const { id } = await api.signup(uniqueEmail('jwt'));
    user = { id, token: api.token! };
    ver = decodeJwt(user.token).ver as number;
  });

  it('accepts a correctly signed HS256 token (the control: the forged ones below differ in one thing each)', async () => {
    const good = await sign({ sub: user.id, ver });
    expect((await me(good)).status).toBe(200);
    expect((await me(good, 'cookie')).status).toBe(200);
    expect((await me(hs256({ sub: user.id, ver, iat: now(), exp: now() + 600 }))).status).toBe(200);
  });

  it('refuses alg none, with and without a signature part', async () => {
    const header = b64url({ alg: 'none', typ: 'JWT' });
    const payload = b64url({ sub: user.id, ver, iat: now(), exp: now() + 3600 });
    const realSignature = user.token.split('.')[2];
    for (const token of [`${header}.${payload}.`, `${header}.${payload}`, `${header}.${payload}.${realSignature}`, `${b64url({ alg: 'None' })}.${payload}.`]) {
      expect((await me(token)).status, token).toBe(401);
      expect((await me(token, 'cookie')).status, token).toBe(401);
    }
  });

  it.each(['HS384', 'HS512'])('refuses %s even when signed with the right secret', async (alg) => {
    const token = await sign({ sub: user.id, ver }, { alg });
    expect((await me(token)).status).toBe(401);
    expect((await me(token, 'cookie')).status).toBe(401);
  });

  it('refuses a tampered payload and a token signed with another secret', async () => {
    const [h, , s] = user.token.split('.');
    const claims = decodeJwt(user.token);
    const other = new Api(app.url);
    const { id: otherId } = await other.signup(uniqueEmail('victim'));
    for (const payload of [{ ...claims, sub: otherId }, { ...claims, exp: now() + 10 * 365 * 86400 }, { ...claims, ver: ver + 0 }]) {
      // The last one changes nothing but the encoding (key order), which still breaks the signature.
      const reordered = Object.fromEntries(Object.entries(payload).reverse());
      expect((await me(`${h}.${b64url(reordered)}.${s}`)).status).toBe(401);
    }
    expect((await me(await sign({ sub: user.id, ver }, { secret: new TextEncoder().encode(randomSecret()) }))).status).toBe(401);
  });

  it('refuses a missing exp, a past exp and an iat in the future', async () => {
    const cases = {
      'no exp': await sign({ sub: user.id, ver }, { exp: null }),
      'past exp': await sign({ sub: user.id, ver }, { iat: now() - 7200, exp: now() - 3600 }),
      'exp a minute ago': await sign({ sub: user.id, ver }, { iat: now() - 600, exp: now() - 60 }),
      'iat in an hour': await sign({ sub: user.id, ver }, { iat: now() + 3600, exp: now() + 7200 }),
      'iat in a minute': await sign({ sub: user.id, ver }, { iat: now() + 60, exp: now() + 7200 }),
      'no iat': await sign({ sub: user.id, ver }, { iat: null }),
      'no sub': await sign({ ver }),
      'non-numeric exp': hs256({ sub: user.id, ver, iat: now(), exp: 'never' }),
      'non-numeric ver': hs256({ sub: user.id, ver: String(ver), iat: now(), exp: now() + 3600 }),
    };
    for (const [what, token] of Object.entries(cases)) {
      expect((await me(token)).status, what).toBe(401);
      expect((await me(token, 'cookie')).status, what).toBe(401);
    }
  });

  it('refuses garbage in every shape without a 500', async () => {
    for (const token of ['', 'a', 'a.b', 'a.b.c', '...', 'x'.repeat(5000), `${user.token}x`, user.token.toLowerCase()]) {
      const res = await raw(`${app.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status, token.slice(0, 20)).toBe(401);
    }
    for (const authorization of ['Basic dXNlcjpwYXNz', 'Bearer', `Token ${user.token}`, `Bearer ${user.token} extra`]) {
      expect((await raw(`${app.url}/api/auth/me`, { headers: { authorization } })).status, authorization).toBe(401);
    }
  });
});

describe('4. logout, password change and account deletion revoke every earlier token', () => {
  it('logout with a Bearer token revokes that token, other Bearer tokens and the cookie', async () => {
    const email = uniqueEmail('logout');
    const password = 'logout-password-1';
    const api = new Api(app.url);
    await api.signup(email, password);
    const bearerA = api.token!;
    const { cookie, token: bearerB } = await loginCookie(app, email, password);
    // A forged-but-valid token for the current version: revocation must not depend on which token it is.
    const forged = await sign({ sub: decodeJwt(bearerA).sub!, ver: decodeJwt(bearerA).ver });
    expect((await me(forged)).status).toBe(200);

    const out = await raw(`${app.url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${bearerB}` } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/pingboard_session=;.*Max-Age=0/);

    for (const token of [bearerA, bearerB, forged]) expect((await me(token)).status).toBe(401);
    expect((await raw(`${app.url}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
    expect((await raw(`${app.url}/api/monitors`, { headers: { cookie } })).status).toBe(401);
    expect((await raw(`${app.url}/`, { headers: { cookie } })).headers.get('location') ?? '').toContain('/login');
    // Signing in again works and gives a working token.
    const again = await loginCookie(app, email, password);
    expect((await me(again.token)).status).toBe(200);
  });

  it('logout with the cookie revokes Bearer tokens too', async () => {
    const email = uniqueEmail('logout-cookie');
    const api = new Api(app.url);
    await api.signup(email, 'logout-password-2');
    const { cookie } = await loginCookie(app, email, 'logout-password-2');
    const out = await raw(`${app.url}/api/auth/logout`, { method: 'POST', headers: { cookie, origin: app.url } });
    expect(out.status).toBe(204);
    expect((await me(api.token!)).status).toBe(401);
    expect((await raw(`${app.url}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('POST /api/auth/password checks the current password, revokes every earlier token and returns a new one', async () => {
    const email = uniqueEmail('passwd');
    const api = new Api(app.url);
    await api.signup(email, 'first-password-1');
    const oldBearer = api.token!;
    const { cookie: oldCookie } = await loginCookie(app, email, 'first-password-1');

    const wrong = await api.post('/api/auth/password', { currentPassword: 'not-the-password', newPassword: 'second-password-2' });
    expect(wrong.status).toBe(400);
    expect((await me(oldBearer)).status).toBe(200);
    const tooLong = await api.post('/api/auth/password', { currentPassword: 'first-password-1', newPassword: 'é'.repeat(37) });
    expect(tooLong.status).toBe(400);
    const extra = await api.post('/api/auth/password', { currentPassword: 'first-password-1', newPassword: 'second-password-2', userId: 'someone-else' });
    expect(extra.status).toBe(400);
    expect((await me(oldBearer)).status).toBe(200);

    const changed = await api.post('/api/auth/password', { currentPassword: 'first-password-1', newPassword: 'second-password-2' });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('cache-control')).toBe('private, no-store');
    const newToken = changed.body.token as string;
    const newCookie = (changed.headers.get('set-cookie') ?? '').split(';')[0];

    expect((await me(oldBearer)).status).toBe(401);
    expect((await raw(`${app.url}/api/auth/me`, { headers: { cookie: oldCookie } })).status).toBe(401);
    expect((await me(newToken)).status).toBe(200);
    expect((await raw(`${app.url}/api/auth/me`, { headers: { cookie: newCookie } })).status).toBe(200);

    const oldLogin = await raw(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'first-password-1' }) });
    expect(oldLogin.status).toBe(401);
    expect((await loginCookie(app, email, 'second-password-2')).token).toBeTruthy();
  });

  it('a password change through the cookie needs our origin and revokes the Bearer tokens', async () => {
    const email = uniqueEmail('passwd-cookie');
    const api = new Api(app.url);
    await api.signup(email, 'first-password-3');
    const { cookie } = await loginCookie(app, email, 'first-password-3');
    const body = JSON.stringify({ currentPassword: 'first-password-3', newPassword: 'second-password-4' });
    const crossSite = await raw(`${app.url}/api/auth/password`, { method: 'POST', headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/json' }, body });
    expect(crossSite.status).toBe(403);
    expect((await me(api.token!)).status).toBe(200);
    const sameSite = await raw(`${app.url}/api/auth/password`, { method: 'POST', headers: { cookie, origin: app.url, 'content-type': 'application/json' }, body });
    expect(sameSite.status).toBe(200);
    expect((await me(api.token!)).status).toBe(401);
  });

  it('DELETE /api/auth/me needs the password, then removes the user, monitors, checks, incidents and alerts, revokes tokens and stops the timers at once', async () => {
    const email = uniqueEmail('delete');
    const password = 'delete-password-1';
    const api = new Api(app.url);
    const { id: userId } = await api.signup(email, password);
    const { cookie } = await loginCookie(app, email, password);

    // A neighbour whose monitor must keep running.
    const neighbour = new Api(app.url);
    await neighbour.signup(uniqueEmail('neighbour'));
    const theirs = (await neighbour.post('/api/monitors', { name: 'Neighbour', url: otherTarget.url, intervalSeconds: 1, retries: 0 })).body.monitor;

    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await api.post('/api/monitors', { name: `Doomed ${i}`, url: `${target.url}?m=${i}`, intervalSeconds: 1, retries: 0 });
      expect(res.status).toBe(201);
      ids.push(res.body.monitor.id);
    }
    // Wait until there are checks, a DOWN incident and its alert (stored as skipped: no SendGrid key here).
    const inClause = `(${ids.map(() => '?').join(',')})`;
    const rows = (table: string) => count(app, `SELECT COUNT(*) AS n FROM "${table}" WHERE "monitorId" IN ${inClause}`, ...ids);
    // Check results are written in batches, so wait until all three kinds of row are stored.
    await waitFor(async () => (await rows('Check')) > 0 && (await rows('Incident')) > 0 && (await rows('AlertEvent')) > 0, 10_000, 'checks, an incident and an alert event');

    const wrong = await api.delete('/api/auth/me', { password: 'not-my-password' });
    expect(wrong.status).toBe(400);
    const noBody = await api.delete('/api/auth/me');
    expect(noBody.status).toBe(400);
    const crossSite = await raw(`${app.url}/api/auth/me`, { method: 'DELETE', headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/json' }, body: JSON.stringify({ password }) });
    expect(crossSite.status).toBe(403);
    expect((await me(api.token!)).status).toBe(200);
    expect(await count(app, 'SELECT COUNT(*) AS n FROM "User" WHERE id = ?', userId)).toBe(1);

    const deleted = await api.delete('/api/auth/me', { password });
    expect(deleted.status).toBe(204);
    expect(deleted.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    const hitsAtDelete = target.hits.length;

    expect((await me(api.token!)).status).toBe(401);
    expect((await raw(`${app.url}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
    const login = await raw(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    expect(login.status).toBe(401);
    // A token forged with the right secret for the old id and version names nobody now.
    expect((await me(await sign({ sub: userId, ver: decodeJwt(api.token!).ver }))).status).toBe(401);

    expect(await count(app, 'SELECT COUNT(*) AS n FROM "User" WHERE id = ?', userId)).toBe(0);
    expect(await count(app, 'SELECT COUNT(*) AS n FROM "Monitor" WHERE "userId" = ?', userId)).toBe(0);

    // Timers stop at once: at most one check already in flight may still land.
    await sleep(2500);
    expect(target.hits.length - hitsAtDelete).toBeLessThanOrEqual(1);
    for (const table of ['Check', 'Incident', 'AlertEvent']) expect(await rows(table), table).toBe(0);

    // The neighbour is untouched and still being checked.
    const neighbourHits = otherTarget.hits.length;
    await waitFor(async () => otherTarget.hits.length > neighbourHits, 3000, 'neighbour check');
    expect((await neighbour.get(`/api/monitors/${theirs.id}`)).status).toBe(200);
    // Signing up again with the same email starts from nothing.
    const again = new Api(app.url);
    await again.signup(email, password);
    expect((await again.get('/api/monitors')).body.monitors).toEqual([]);
    await neighbour.delete(`/api/monitors/${theirs.id}`);
    // No check of a deleted monitor was left retrying against rows that are gone.
    expect(app.logs()).not.toMatch(/writing check results failed|check failed unexpectedly|applying a check result failed/);
  });
});
