// API keys through the running server, on SQLite and PostgreSQL: a key is shown once and only
// its SHA-256 is stored (lists show the prefix); a write key lists and creates monitors from any
// origin, a read key reads and gets 403 on every write; an expired, a revoked, a malformed and an
// unknown key get 401; keys cannot list, make or revoke keys, change the password, delete the
// account or log out (403, nothing changed); logging the browser out leaves keys working, a
// password change and account deletion end them; another user's key is 404 to list and revoke;
// bad bodies get 400 naming the field and create nothing; lastUsedAt is written at most once a
// minute; at most 50 keys per user; pages ignore a key in the Authorization header.
// Each case has its own users, so the cases run side by side on one server.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { Api } from '../support/api';
import { countRows, queryDb, queryRow } from '../support/app-db';
import { dbTime } from './status-page-support';
import { loginCookie, raw } from './security-support';

let app: AppServer;

beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.dispose();
});

const KEY_FIELDS = ['id', 'name', 'scope', 'prefix', 'createdAt', 'lastUsedAt', 'expiresAt'];
const PASSWORD = 'correct horse battery';

async function user(): Promise<{ api: Api; id: string; email: string }> {
  const api = new Api(app.url);
  const { id, email } = await api.signup(undefined, PASSWORD);
  return { api, id, email };
}

async function createKey(api: Api, body: Record<string, unknown>): Promise<{ key: string; apiKey: any }> {
  const res = await api.post('/api/keys', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const withKey = (key: string) => new Api(app.url, key);
const keyRows = (userId: string) => countRows(app, 'SELECT COUNT(*) AS n FROM "ApiKey" WHERE "userId" = ?', userId);

function expectForbidden(res: { status: number; body: any }, message: RegExp) {
  expect(res.status, JSON.stringify(res.body)).toBe(403);
  expect(res.body.error.code).toBe('forbidden');
  expect(res.body.error.message).toMatch(message);
}

describe.concurrent('API keys', () => {
  it('shows a new key once; lists and the database keep only its prefix and hash', async () => {
    const { api, id } = await user();
    const { key, apiKey } = await createKey(api, { name: '  CI deploy  ', scope: 'write' });
    expect(key).toMatch(/^pb_[A-Za-z0-9_-]{43}$/);
    expect(Object.keys(apiKey).sort()).toEqual([...KEY_FIELDS].sort());
    expect(apiKey).toMatchObject({ name: 'CI deploy', scope: 'write', prefix: key.slice(0, 11), lastUsedAt: null, expiresAt: null });
    expect(new Date(apiKey.createdAt).toISOString()).toBe(apiKey.createdAt);

    const list = await api.get('/api/keys');
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ apiKeys: [apiKey] });
    expect(JSON.stringify(list.body)).not.toContain(key.slice(11));

    const row = await queryRow<Record<string, unknown>>(app, 'SELECT * FROM "ApiKey" WHERE "userId" = ?', id);
    expect(row?.hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(key.slice(11));

    const second = await createKey(api, { name: 'Read only', scope: 'read', expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect(second.key).not.toBe(key);
    expect((await api.get('/api/keys')).body.apiKeys.map((k: { id: string }) => k.id)).toEqual([second.apiKey.id, apiKey.id]);
  });

  it('lets a write key list and create monitors, from any origin and without one', async () => {
    const { api } = await user();
    const { key } = await createKey(api, { name: 'script', scope: 'write' });
    const script = withKey(key);
    const created = await script.post('/api/monitors', { name: 'From a script', url: 'https://example.com/', active: false });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    // Keys are not cookies: no same-origin rule, as with login tokens.
    const crossSite = await script.request('PATCH', `/api/monitors/${created.body.monitor.id}`, { name: 'Renamed' }, { origin: 'https://elsewhere.example', 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status, JSON.stringify(crossSite.body)).toBe(200);
    const list = await script.get('/api/monitors');
    expect(list.status).toBe(200);
    expect(list.body.monitors.map((m: { name: string }) => m.name)).toEqual(['Renamed']);
    expect((await script.get('/api/auth/me')).body.user).toEqual((await api.get('/api/auth/me')).body.user);
  });

  it('lets a read key read and refuses it every write with 403, changing nothing', async () => {
    const { api } = await user();
    const monitor = (await api.post('/api/monitors', { name: 'Mine', url: 'https://example.com/', active: false })).body.monitor;
    const { key } = await createKey(api, { name: 'dashboards', scope: 'read' });
    const reader = withKey(key);
    expect((await reader.get('/api/monitors')).status).toBe(200);
    expect((await reader.get(`/api/monitors/${monitor.id}`)).status).toBe(200);
    expect((await reader.get('/api/tags')).status).toBe(200);
    const writes = [
      reader.post('/api/monitors', { name: 'No', url: 'https://example.com/' }),
      reader.put(`/api/monitors/${monitor.id}`, { name: 'No' }),
      reader.patch(`/api/monitors/${monitor.id}`, { name: 'No' }),
      reader.delete(`/api/monitors/${monitor.id}`),
      reader.post('/api/tags', { name: 'No' }),
      reader.post(`/api/monitors/${monitor.id}/check`),
    ];
    for (const res of await Promise.all(writes)) expectForbidden(res, /read-only.*write scope/);
    const after = (await api.get('/api/monitors')).body.monitors;
    expect(after.map((m: { id: string; name: string }) => [m.id, m.name])).toEqual([[monitor.id, 'Mine']]);
    expect((await api.get('/api/tags')).body.tags).toEqual([]);
  });

  it('answers 401 to an expired, a revoked (at once), a malformed and an unknown key', async () => {
    const { api } = await user();
    const expiring = await createKey(api, { name: 'short-lived', scope: 'read', expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect((await withKey(expiring.key).get('/api/monitors')).status).toBe(200);
    await queryDb(app, 'UPDATE "ApiKey" SET "expiresAt" = ? WHERE "id" = ?', dbTime(app, Date.now() - 1000), expiring.apiKey.id);
    expect((await withKey(expiring.key).get('/api/monitors')).status).toBe(401);

    const revoked = await createKey(api, { name: 'to revoke', scope: 'write' });
    expect((await withKey(revoked.key).get('/api/monitors')).status).toBe(200);
    expect((await api.delete(`/api/keys/${revoked.apiKey.id}`)).status).toBe(204);
    expect((await withKey(revoked.key).get('/api/monitors')).status).toBe(401);
    expect((await api.delete(`/api/keys/${revoked.apiKey.id}`)).status).toBe(404);

    const body = revoked.key.slice(3);
    for (const bad of ['pb_', 'pb_short', `${revoked.key}x`, `pb_${body.slice(1)}A`, `pb_${'x'.repeat(5000)}`]) {
      const res = await withKey(bad).get('/api/monitors');
      expect(res.status, bad.slice(0, 20)).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
  });

  it('refuses keys on key management, password change, account deletion and logout (403), changing nothing', async () => {
    const { api, id, email } = await user();
    const write = await createKey(api, { name: 'write', scope: 'write' });
    const read = await createKey(api, { name: 'read', scope: 'read' });
    for (const { key } of [write, read]) {
      const script = withKey(key);
      expectForbidden(await script.get('/api/keys'), /API keys cannot manage the account/);
      expectForbidden(await script.post('/api/keys', { name: 'more', scope: 'write' }), /sign in with your password/);
      expectForbidden(await script.delete(`/api/keys/${write.apiKey.id}`), /API keys cannot/);
      expectForbidden(await script.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'another long password' }), /API keys cannot/);
      expectForbidden(await script.delete('/api/auth/me', { password: PASSWORD }), /API keys cannot/);
      expectForbidden(await script.post('/api/auth/logout'), /API keys cannot/);
    }
    expect(await keyRows(id)).toBe(2);
    expect((await api.get('/api/auth/me')).status).toBe(200);
    expect((await new Api(app.url).post('/api/auth/login', { email, password: PASSWORD })).status).toBe(200);
    expect((await withKey(write.key).get('/api/monitors')).status).toBe(200);
  });

  it('keeps keys working when the browser logs out, and ends them with a password change', async () => {
    const { api, id, email } = await user();
    const { key } = await createKey(api, { name: 'bulk script', scope: 'write' });
    const browser = await loginCookie(app, email, PASSWORD);
    const logout = await raw(`${app.url}/api/auth/logout`, { method: 'POST', headers: { cookie: browser.cookie, origin: app.url } });
    expect(logout.status).toBe(204);
    expect((await raw(`${app.url}/api/auth/me`, { headers: { cookie: browser.cookie } })).status).toBe(401);
    expect((await api.get('/api/auth/me')).status).toBe(401);
    expect((await withKey(key).get('/api/monitors')).status).toBe(200);

    const session = new Api(app.url, (await loginCookie(app, email, PASSWORD)).token);
    const changed = await session.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'a new long password' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect((await withKey(key).get('/api/monitors')).status).toBe(401);
    expect(await keyRows(id)).toBe(0);
    session.token = changed.body.token;
    expect((await session.get('/api/keys')).body).toEqual({ apiKeys: [] });
  });

  it('ends keys with the account', async () => {
    const { api, id } = await user();
    const { key } = await createKey(api, { name: 'doomed', scope: 'write' });
    expect((await api.delete('/api/auth/me', { password: PASSWORD })).status).toBe(204);
    expect((await withKey(key).get('/api/monitors')).status).toBe(401);
    expect(await keyRows(id)).toBe(0);
  });

  it("hides one user's keys from another: not listed, 404 to revoke", async () => {
    const owner = await user();
    const stranger = await user();
    const { key, apiKey } = await createKey(owner.api, { name: 'mine', scope: 'write' });
    expect((await stranger.api.get('/api/keys')).body).toEqual({ apiKeys: [] });
    const res = await stranger.api.delete(`/api/keys/${apiKey.id}`);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('API key not found');
    expect((await withKey(key).get('/api/monitors')).status).toBe(200);
    // The key acts for its owner only.
    await stranger.api.post('/api/monitors', { name: 'Stranger', url: 'https://example.com/', active: false });
    expect((await withKey(key).get('/api/monitors')).body.monitors).toEqual([]);
  });

  it('answers 400 naming the field for bad bodies, and creates nothing', async () => {
    const { api, id } = await user();
    const cases: Array<[unknown, string]> = [
      [{ scope: 'read' }, 'name'],
      [{ name: '   ', scope: 'read' }, 'name'],
      [{ name: 'x'.repeat(101), scope: 'read' }, 'name'],
      [{ name: 42, scope: 'read' }, 'name'],
      [{ name: 'n' }, 'scope'],
      [{ name: 'n', scope: 'admin' }, 'scope'],
      [{ name: 'n', scope: 'read', expiresAt: 'next week' }, 'expiresAt'],
      [{ name: 'n', scope: 'read', expiresAt: new Date(Date.now() - 60_000).toISOString() }, 'expiresAt'],
      [{ name: 'n', scope: 'read', prefix: 'pb_chosen' }, ''],
    ];
    for (const [body, field] of cases) {
      const res = await api.post('/api/keys', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.issues.map((i: { path: unknown[] }) => i.path.join('.')), JSON.stringify(body)).toContain(field);
    }
    expect((await api.post('/api/keys', '{"name":')).status).toBe(400);
    expect(await keyRows(id)).toBe(0);
  });

  it('writes lastUsedAt on use, at most once a minute', async () => {
    const { api, id } = await user();
    const { key, apiKey } = await createKey(api, { name: 'busy', scope: 'read' });
    const before = Date.now();
    expect((await withKey(key).get('/api/monitors')).status).toBe(200);
    const first = (await api.get('/api/keys')).body.apiKeys[0].lastUsedAt;
    expect(new Date(first).getTime()).toBeGreaterThanOrEqual(before - 1000);
    await Promise.all(Array.from({ length: 5 }, () => withKey(key).get('/api/monitors')));
    expect((await api.get('/api/keys')).body.apiKeys[0].lastUsedAt).toBe(first);
    // A use over a minute after the last one recorded is written down again.
    await queryDb(app, 'UPDATE "ApiKey" SET "lastUsedAt" = ? WHERE "id" = ?', dbTime(app, Date.now() - 120_000), apiKey.id);
    expect((await withKey(key).get('/api/monitors')).status).toBe(200);
    const again = (await api.get('/api/keys')).body.apiKeys[0].lastUsedAt;
    expect(new Date(again).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(await keyRows(id)).toBe(1);
  });

  it('holds at most 50 keys per user, even when created in parallel', async () => {
    const { api, id } = await user();
    const results = await Promise.all(Array.from({ length: 55 }, (_, i) => api.post('/api/keys', { name: `key ${i}`, scope: 'read' })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(50);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused.map((r) => r.status)).toEqual([409, 409, 409, 409, 409]);
    expect(refused[0].body.error).toMatchObject({ code: 'limit_reached', message: expect.stringMatching(/at most 50 API keys/) });
    expect(await keyRows(id)).toBe(50);
  });

  it('documents the keys routes and the apiKey scheme in the OpenAPI document', async () => {
    const doc = (await new Api(app.url).get('/api/docs')).body;
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/api/keys'].post.requestBody.content['application/json'].schema.required).toEqual(['name', 'scope']);
    for (const [path, method] of [['/api/keys', 'get'], ['/api/keys/{id}', 'delete'], ['/api/auth/password', 'post'], ['/api/auth/me', 'delete']]) {
      expect(doc.paths[path][method].security, `${method} ${path}`).toEqual([{ bearer: [] }]);
    }
  });

  it('opens no page with a key: pages read only the session cookie', async () => {
    const { api, email } = await user();
    const { key } = await createKey(api, { name: 'no pages', scope: 'write' });
    // A cookie of any value gets past the proxy's early redirect; the page itself then ignores the key.
    const res = await raw(`${app.url}/settings`, { headers: { authorization: `Bearer ${key}`, cookie: 'pingboard_session=none' } });
    expect([302, 303, 307, 308], String(res.status)).toContain(res.status);
    expect(new URL(res.headers.get('location')!, app.url).pathname).toBe('/login');
    expect(res.text).not.toContain(email);
  });
});
