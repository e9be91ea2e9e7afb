import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { Api } from '../support/api';

let app: AppServer;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.dispose();
});

describe('signup, login, logout, me', () => {
  it('signs up with a lower-cased email, returns a token and sets an HttpOnly cookie', async () => {
    const api = new Api(app.url);
    const res = await api.post('/api/auth/signup', { email: 'Alice@Example.COM', password: 'password-123' });
    expect(res.status).toBe(201);
    expect(res.body.user.email).toBe('alice@example.com');
    expect(typeof res.body.token).toBe('string');
    expect(res.body.user).not.toHaveProperty('passwordHash');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/pingboard_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });

  it('refuses a second signup with the same email in any case with 409', async () => {
    const api = new Api(app.url);
    await api.post('/api/auth/signup', { email: 'bob@example.com', password: 'password-123' });
    const res = await api.post('/api/auth/signup', { email: 'BOB@example.com', password: 'other-password' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
  });

  it.each([
    [{ email: 'not-an-email', password: 'password-123' }],
    [{ email: 'c@example.com', password: 'short' }],
    [{ email: 'c@example.com', password: 'x'.repeat(129) }],
    [{ email: 'c@example.com' }],
    [{ email: 'c@example.com', password: 12345678 }],
  ])('rejects signup body %j with 400', async (body) => {
    const res = await new Api(app.url).post('/api/auth/signup', body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(Array.isArray(res.body.error.issues)).toBe(true);
  });

  it('logs in, reads /me with Bearer and with the cookie, and logs out', async () => {
    const api = new Api(app.url);
    await api.signup('carol@example.com', 'carol-password');
    const login = await new Api(app.url).post('/api/auth/login', { email: 'CAROL@example.com', password: 'carol-password' });
    expect(login.status).toBe(200);
    expect(login.body.user.email).toBe('carol@example.com');

    const bearer = new Api(app.url, login.body.token);
    expect((await bearer.get('/api/auth/me')).body.user.email).toBe('carol@example.com');

    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const viaCookie = await new Api(app.url).request('GET', '/api/auth/me', undefined, { cookie });
    expect(viaCookie.status).toBe(200);

    // A cookie mutation carries Origin, as the app's own pages send it.
    const out = await new Api(app.url).request('POST', '/api/auth/logout', undefined, { cookie, origin: app.url });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    // Logout revokes every token issued before it.
    expect((await bearer.get('/api/auth/me')).status).toBe(401);
    expect((await new Api(app.url).request('GET', '/api/auth/me', undefined, { cookie })).status).toBe(401);
  });

  it('answers 401 with one message for an unknown email and a wrong password', async () => {
    const api = new Api(app.url);
    await api.signup('dave@example.com', 'dave-password');
    const wrong = await new Api(app.url).post('/api/auth/login', { email: 'dave@example.com', password: 'not-it-at-all' });
    const unknown = await new Api(app.url).post('/api/auth/login', { email: 'nobody@example.com', password: 'not-it-at-all' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('answers 401 without a token and with a garbage token', async () => {
    expect((await new Api(app.url).get('/api/auth/me')).status).toBe(401);
    expect((await new Api(app.url, 'garbage').get('/api/auth/me')).status).toBe(401);
    expect((await new Api(app.url).get('/api/monitors')).status).toBe(401);
  });

  it('throttles an account after 10 failures with 429 and Retry-After, even for the right password', async () => {
    const api = new Api(app.url);
    await api.signup('eve@example.com', 'eve-password');
    for (let i = 0; i < 10; i++) {
      const res = await new Api(app.url).post('/api/auth/login', { email: 'eve@example.com', password: `wrong-${i}` });
      expect(res.status).toBe(401);
    }
    const blocked = await new Api(app.url).post('/api/auth/login', { email: 'eve@example.com', password: 'eve-password' });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(blocked.body.error.code).toBe('rate_limited');
  });
});

describe('API documentation', () => {
  it('is linked from the sign-in page and serves an OpenAPI document of every route', async () => {
    const login = await fetch(`${app.url}/login`);
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('href="/api/docs"');
    const doc = await new Api(app.url).get('/api/docs');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    for (const p of ['/api/auth/signup', '/api/monitors', '/api/monitors/{id}', '/api/monitors/{id}/checks', '/api/monitors/{id}/uptime', '/api/channels', '/api/channels/{id}', '/api/channels/{id}/test', '/api/healthz']) {
      expect(Object.keys(doc.body.paths)).toContain(p);
    }
    // Request bodies are the zod schemas themselves.
    const create = doc.body.paths['/api/monitors'].post.requestBody.content['application/json'].schema;
    expect(create.required).toContain('name');
    expect(create.properties.intervalSeconds).toMatchObject({ type: 'integer', minimum: 1, maximum: 86400 });
    // Channel settings are documented per kind, with their secret fields.
    const channel = doc.body.paths['/api/channels'].post.requestBody;
    expect(channel.content['application/json'].schema.required).toEqual(expect.arrayContaining(['kind', 'name', 'settings']));
    expect(channel['x-settings-by-kind'].telegram).toMatchObject({ required: ['botToken', 'chatId'], 'x-secret': ['botToken'] });
  });
});
