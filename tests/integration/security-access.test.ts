// Matrix items 1 (every route and page checks the session itself, whatever Next-internal
// headers or suffixes a request carries), 12 (no caching, per-user isolation) and 15
// (security headers).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { Api } from '../support/api';
import { count, loginCookie, raw, rawFollowingRsc, uniqueEmail, type RawResponse } from './security-support';

const root = path.resolve(import.meta.dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, process.env.NEXT_DIST_DIR || '.next', 'app-path-routes-manifest.json'), 'utf8')) as Record<string, string>;
const routes = [...new Set(Object.values(manifest))];

/** Routes that are meant to answer without a session. Everything else must demand one. */
const PUBLIC_API = new Set(['/api/auth/signup', '/api/auth/login', '/api/auth/logout', '/api/docs', '/api/schemas/export.json', '/api/healthz', '/api/heartbeat/[token]', '/api/heartbeat/[token]/fail', '/api/[...path]']);
const PUBLIC_PAGES = new Set(['/login', '/signup', '/_not-found', '/_global-error', '/icon.svg']);
const protectedApi = routes.filter((r) => r.startsWith('/api/') && !PUBLIC_API.has(r));
/** Public by design: status pages and badges (tests/integration/status-pages-public.test.ts and badges.test.ts check what they reveal). */
const PUBLIC_PREFIXES = ['/status/', '/badge/'];
const protectedPages = routes.filter((r) => !r.startsWith('/api/') && !PUBLIC_PAGES.has(r) && !PUBLIC_PREFIXES.some((p) => r.startsWith(p)));

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

const BYPASS_HEADERS: Array<Record<string, string>> = [
  {},
  { 'x-middleware-subrequest': 'middleware' },
  { 'x-middleware-subrequest': 'proxy' },
  { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' },
  { 'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy' },
  { 'x-middleware-subrequest': 'src/middleware:src/middleware:src/middleware:src/middleware:src/middleware' },
  { rsc: '1' },
  { rsc: '1', 'next-router-prefetch': '1' },
  { rsc: '1', 'next-router-prefetch': '1', 'next-router-segment-prefetch': '/_tree' },
  { purpose: 'prefetch' },
  { 'sec-purpose': 'prefetch', 'x-nextjs-data': '1' },
  { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware', rsc: '1', 'next-router-prefetch': '1' },
  { 'x-middleware-prefetch': '1' },
];


let app: AppServer;
const alice = { id: '', api: null as unknown as Api, email: uniqueEmail('alice'), password: 'alice-password-1', cookie: '', monitorId: '', marker: '' };
const bob = { id: '', api: null as unknown as Api, email: uniqueEmail('bob'), password: 'bob-password-12', cookie: '', monitorId: '', marker: '' };

beforeAll(async () => {
  app = await startApp();
  for (const [who, tag] of [[alice, 'ALICE'], [bob, 'BOB']] as const) {
    who.api = new Api(app.url);
    who.id = (await who.api.signup(who.email, who.password)).id;
    who.marker = `Private-${tag}-${Math.random().toString(36).slice(2)}`;
    const created = await who.api.post('/api/monitors', { name: who.marker, url: `https://${tag.toLowerCase()}.example.com/${who.marker}`, active: false });
    who.monitorId = created.body.monitor.id;
    who.cookie = (await loginCookie(app, who.email, who.password)).cookie;
  }
});
afterAll(async () => {
  await app?.dispose();
});

/** A concrete path for a route pattern, with every dynamic segment filled by `id`. */
const concrete = (route: string, id: string) => route.replace(/\[\.\.\.[^\]]+\]|\[[^\]]+\]/g, id);
const leaks = (res: RawResponse) => [alice.marker, bob.marker, alice.email, bob.email].some((s) => res.text.includes(s));

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

describe('1. every API route checks the session itself', () => {
  it('the build has the routes this test expects to sweep', () => {
    expect(protectedApi).toEqual(expect.arrayContaining(['/api/monitors', '/api/monitors/[id]', '/api/auth/me', '/api/auth/password', '/api/monitors/[id]/checks']));
    expect(protectedPages).toEqual(expect.arrayContaining(['/', '/monitors/new']));
  });

  it('answers 401 (or 405 for a method the route lacks) for every protected route and method without a session', async () => {
    const cases = protectedApi.flatMap((route) => METHODS.map((method) => ({ route, method })));
    const unauthorized = new Set<string>();
    await inBatches(cases, 10, async ({ route, method }) => {
      const res = await raw(app.url + concrete(route, alice.monitorId), {
        method,
        headers: { 'content-type': 'application/json' },
        body: method === 'GET' ? undefined : JSON.stringify({ name: 'x', password: 'correct horse', currentPassword: 'a', newPassword: 'bbbbbbbbbb' }),
      });
      expect([401, 405], `${method} ${route}`).toContain(res.status);
      expect(leaks(res), `${method} ${route} leaked data`).toBe(false);
      if (res.status === 401) unauthorized.add(route);
    });
    // Every protected route has at least one method, and that method refused the anonymous caller.
    expect([...unauthorized].sort()).toEqual([...protectedApi].sort());
  });

  it('keeps answering 401 with x-middleware-subrequest, prefetch/RSC headers, a .rsc suffix or injected nxtP* parameters', async () => {
    const cases: Array<{ method: string; path: string; headers: Record<string, string>; suffix: boolean }> = [];
    for (const route of protectedApi) {
      const p = concrete(route, alice.monitorId);
      // The route's own method: the first of GET, POST, PUT, PATCH, DELETE it answers (POST for a
      // password change or check now, DELETE for revoking an API key).
      let method: string = METHODS[0];
      for (const m of METHODS) {
        method = m;
        if ((await raw(app.url + p, m === 'GET' ? {} : { method: m, headers: { 'content-type': 'application/json' }, body: '{}' })).status !== 405) break;
      }
      const nxt = `nxtPid=${alice.monitorId}&nxtPpath=monitors&nxtPtoken=x&nxtI=1`;
      for (const headers of BYPASS_HEADERS) {
        cases.push({ method, path: p, headers, suffix: false });
        cases.push({ method, path: `${p}?${nxt}`, headers, suffix: false });
        cases.push({ method, path: `${p}.rsc`, headers, suffix: true });
        cases.push({ method, path: `${p}.rsc?${nxt}`, headers, suffix: true });
      }
    }
    await inBatches(cases, 16, async ({ method, path: p, headers, suffix }) => {
      const res = await rawFollowingRsc(app.url + p, method === 'GET' ? { headers } : { method, headers: { ...headers, 'content-type': 'application/json' }, body: '{}' });
      const what = `${method} ${p} ${JSON.stringify(headers)}`;
      expect(leaks(res), `${what} leaked data`).toBe(false);
      // `/api/monitors.rsc` is no route at all, yet the anonymous caller still gets 401 (from the catch-all).
      expect(res.status, `${what}${suffix ? ' (suffix)' : ''}`).toBe(401);
    });
  });

  it('creates nothing when an anonymous mutation carries the bypass headers', async () => {
    await inBatches(BYPASS_HEADERS, 4, async (headers) => {
      const res = await rawFollowingRsc(`${app.url}/api/monitors`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'anonymous', url: 'https://example.com' }),
      });
      expect(res.status, JSON.stringify(headers)).toBe(401);
      const del = await rawFollowingRsc(`${app.url}/api/monitors/${alice.monitorId}`, { method: 'DELETE', headers });
      expect(del.status, JSON.stringify(headers)).toBe(401);
    });
    expect(await count(app, 'SELECT COUNT(*) AS n FROM "Monitor"')).toBe(2);
    const mine = await alice.api.get('/api/monitors');
    expect(mine.body.monitors.map((m: { name: string }) => m.name)).toEqual([alice.marker]);
  });
});

describe('1. every page checks the session itself', () => {
  const isLoginRedirect = (res: RawResponse) =>
    [302, 303, 307, 308].includes(res.status) && (res.headers.get('location') ?? '').includes('/login');

  it('redirects an anonymous visitor to /login (or shows no user data) on every signed-in page, with any bypass trick', async () => {
    const cases: Array<{ path: string; headers: Record<string, string> }> = [];
    for (const route of [...new Set([...protectedPages, '/', '/monitors/new', '/monitors/[id]'])]) {
      const p = concrete(route, alice.monitorId);
      for (const headers of BYPASS_HEADERS) {
        cases.push({ path: p, headers });
        cases.push({ path: `${p}${p.endsWith('/') ? 'index' : ''}.rsc`, headers });
        cases.push({ path: `${p}?nxtPid=${alice.monitorId}&nxtPslug=1`, headers });
      }
    }
    await inBatches(cases, 8, async ({ path: p, headers }) => {
      const res = await rawFollowingRsc(app.url + p, { headers });
      const what = `GET ${p} ${JSON.stringify(headers)}`;
      expect(leaks(res), `${what} leaked data`).toBe(false);
      expect(isLoginRedirect(res) || res.status === 404 || res.status === 401, `${what} -> ${res.status} ${res.headers.get('location')}`).toBe(true);
    });
  });

  it('plain page requests without a session get the login redirect', async () => {
    for (const p of ['/', '/monitors/new', `/monitors/${alice.monitorId}`]) {
      const res = await raw(app.url + p);
      expect(isLoginRedirect(res), `${p} -> ${res.status}`).toBe(true);
    }
  });

  it('an old or forged cookie is no session either', async () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    // Unsigned, and naming a real user: a page that only decoded the cookie would show Alice's data.
    const forged = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: alice.id, ver: 0, iat: now, exp: now + 3600 })}.`;
    for (const cookie of ['pingboard_session=garbage', `pingboard_session=${forged}`, 'pingboard_session=']) {
      const res = await raw(`${app.url}/`, { headers: { cookie } });
      expect(isLoginRedirect(res), cookie).toBe(true);
      expect(leaks(res)).toBe(false);
    }
  });
});

describe('12. no caching, and each user sees only their own data', () => {
  it('two users calling the same routes in turn each see only their own monitors', async () => {
    for (let round = 0; round < 3; round++) {
      for (const [me, other] of [[alice, bob], [bob, alice]] as const) {
        const viaBearer = await me.api.get('/api/monitors');
        expect(viaBearer.body.monitors.map((m: { id: string }) => m.id)).toEqual([me.monitorId]);
        const viaCookie = await raw(`${app.url}/api/monitors`, { headers: { cookie: me.cookie } });
        expect(viaCookie.json.monitors.map((m: { id: string }) => m.id)).toEqual([me.monitorId]);
        expect(viaCookie.text).not.toContain(other.marker);
        const page = await raw(`${app.url}/`, { headers: { cookie: me.cookie } });
        expect(page.status).toBe(200);
        expect(page.text).toContain(me.marker);
        expect(page.text).not.toContain(other.marker);
        expect(page.text).not.toContain(other.email);
      }
    }
  });

  it("answers 404 for another user's monitor on every route and method, and changes nothing", async () => {
    const sub = ['', '/check', '/checks', '/uptime', '/incidents', '/alerts'];
    for (const s of sub) {
      for (const method of METHODS) {
        const res = await bob.api.request(method, `/api/monitors/${alice.monitorId}${s}`, method === 'GET' || method === 'DELETE' ? undefined : { name: 'owned by bob' });
        expect([404, 405], `${method} ${s}`).toContain(res.status);
        expect(JSON.stringify(res.body)).not.toContain(alice.marker);
      }
    }
    const page = await raw(`${app.url}/monitors/${alice.monitorId}`, { headers: { cookie: bob.cookie } });
    expect(page.text).not.toContain(alice.marker);
    const edit = await raw(`${app.url}/monitors/${alice.monitorId}/edit`, { headers: { cookie: bob.cookie } });
    expect(edit.text).not.toContain(alice.marker);
    const still = await alice.api.get(`/api/monitors/${alice.monitorId}`);
    expect(still.status).toBe(200);
    expect(still.body.monitor.name).toBe(alice.marker);
  });

  it('injected nxtP* parameters cannot swap the route parameter for another id', async () => {
    const res = await bob.api.get(`/api/monitors/${bob.monitorId}?nxtPid=${alice.monitorId}`);
    expect(res.status).toBe(200);
    expect(res.body.monitor.id).toBe(bob.monitorId);
    const other = await bob.api.get(`/api/monitors/${alice.monitorId}?nxtPid=${bob.monitorId}`);
    expect(other.status).toBe(404);
    const page = await raw(`${app.url}/monitors/${bob.monitorId}?nxtPid=${alice.monitorId}`, { headers: { cookie: bob.cookie } });
    expect(page.text).not.toContain(alice.marker);
  });

  it('marks every authenticated API response, success or error, Cache-Control: private, no-store', async () => {
    const m = alice.monitorId;
    const calls: Array<[string, string, unknown?]> = [
      ['GET', '/api/auth/me'],
      ['GET', '/api/monitors'],
      ['POST', '/api/monitors', { name: 'cache probe', url: 'https://example.com', active: false }],
      ['POST', '/api/monitors', { name: '' }],
      ['GET', `/api/monitors/${m}`],
      ['PATCH', `/api/monitors/${m}`, { active: false }],
      ['PUT', `/api/monitors/${m}`, { active: false }],
      ['GET', `/api/monitors/${m}/checks`],
      ['GET', `/api/monitors/${m}/uptime`],
      ['GET', `/api/monitors/${m}/incidents`],
      ['GET', `/api/monitors/${m}/alerts`],
      ['GET', `/api/monitors/${bob.monitorId}`],
      ['GET', '/api/no-such-route'],
      ['POST', '/api/auth/password', { currentPassword: 'wrong', newPassword: 'whatever-long' }],
    ];
    for (const [method, p, body] of calls) {
      const viaBearer = await alice.api.request(method, p, body);
      expect(viaBearer.headers.get('cache-control'), `${method} ${p}`).toBe('private, no-store');
      expect(viaBearer.headers.get('x-nextjs-cache'), `${method} ${p}`).toBeNull();
      const viaCookie = await raw(app.url + p, {
        method,
        headers: { cookie: alice.cookie, origin: app.url, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      expect(viaCookie.headers.get('cache-control'), `${method} ${p} (cookie)`).toBe('private, no-store');
    }
  });

  it('marks every signed-in page private and no-store', async () => {
    for (const p of ['/', '/monitors/new', `/monitors/${alice.monitorId}`, `/monitors/${alice.monitorId}/edit`]) {
      const res = await raw(app.url + p, { headers: { cookie: alice.cookie } });
      expect(res.status, p).toBe(200);
      const cc = res.headers.get('cache-control') ?? '';
      expect(cc, p).toMatch(/\bprivate\b/);
      expect(cc, p).toMatch(/\bno-store\b/);
      expect(res.headers.get('x-nextjs-cache'), p).toBeNull();
      expect(res.headers.get('x-nextjs-prerender'), p).toBeNull();
    }
  });

  it('prerenders no per-user route in the production build', () => {
    const prerender = JSON.parse(fs.readFileSync(path.join(root, process.env.NEXT_DIST_DIR || '.next', 'prerender-manifest.json'), 'utf8')) as {
      routes: Record<string, unknown>;
      dynamicRoutes: Record<string, unknown>;
    };
    const prerendered = [...Object.keys(prerender.routes), ...Object.keys(prerender.dynamicRoutes)];
    const allowed = new Set(['/_not-found', '/_global-error', '/login', '/signup', '/api/docs', '/api/schemas/export.json', '/api/healthz', '/favicon.ico', '/icon.svg', '/robots.txt']);
    expect(prerendered.filter((r) => !allowed.has(r))).toEqual([]);
  });
});

describe('15. security headers', () => {
  it('sends CSP without unsafe-eval, frame-ancestors none, nosniff and a Referrer-Policy on pages and API responses', async () => {
    const requests: Array<[string, Record<string, string>]> = [
      ['/login', {}],
      ['/signup', {}],
      ['/', {}],
      ['/', { cookie: alice.cookie }],
      ['/monitors/new', { cookie: alice.cookie }],
      [`/monitors/${alice.monitorId}`, { cookie: alice.cookie }],
      ['/no-such-page', {}],
      ['/api/monitors', {}],
      ['/api/healthz', {}],
    ];
    for (const [p, headers] of requests) {
      const res = await raw(app.url + p, { headers });
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, p).toMatch(/default-src 'self'/);
      expect(csp, p).not.toContain('unsafe-eval');
      expect(csp, p).toMatch(/frame-ancestors 'none'/);
      expect(csp, p).toMatch(/object-src 'none'/);
      expect(res.headers.get('x-content-type-options'), p).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), p).toMatch(/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/);
      expect(res.headers.get('x-powered-by'), p).toBeNull();
    }
  });
});
