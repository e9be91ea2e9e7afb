// Abuse limits (issue 11): sign-up throttled per client address, SIGNUP=closed with the
// operator's `npm run user:add`, cookie mutations that must say where they came from, and
// heartbeat URLs rate-limited per token. The login throttle is in security-login-race.test.ts.
// Every server trusts X-Forwarded-For (TRUST_PROXY) so each test can be its own client
// address; the sign-up limit is the real default (app-server.ts raises it for other tests).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { Api, waitFor } from '../support/api';
import { count, loginCookie, raw, uniqueEmail, type RawResponse } from './security-support';

const root = path.resolve(import.meta.dirname, '..', '..');
const DEFAULT_LIMITS = { TRUST_PROXY: 'true', SIGNUP_MAX_PER_HOUR: '' };

let open: AppServer;
let closed: AppServer;
beforeAll(async () => {
  [open, closed] = await Promise.all([startApp({ env: DEFAULT_LIMITS }), startApp({ env: { ...DEFAULT_LIMITS, SIGNUP: 'closed' } })]);
});
afterAll(async () => {
  await Promise.all([open?.dispose(), closed?.dispose()]);
});

let lastOctet = 0;
/** A client address of its own, as the trusted proxy would append it. */
const newAddress = () => `203.0.113.${++lastOctet}`;

function signup(app: AppServer, email: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return raw(`${app.url}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email, password: 'abuse-password-1' }),
  });
}

function expectRateLimited(res: RawResponse, what: string) {
  expect(res.status, what).toBe(429);
  expect(res.json?.error?.code, what).toBe('rate_limited');
  expect(Number(res.headers.get('retry-after')), what).toBeGreaterThan(0);
}

describe('sign-up is throttled per client address', () => {
  it('lets 5 of 20 concurrent sign-ups from one address through and answers the rest 429; other addresses are not affected', async () => {
    const address = newAddress();
    // The client-supplied part of X-Forwarded-For rotates; only the proxy's entry counts.
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signup(open, uniqueEmail('burst'), { 'x-forwarded-for': `10.1.${i}.1, ${address}` })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201).length, statuses.join(' ')).toBe(5);
    for (const res of results.filter((r) => r.status !== 201)) {
      expectRateLimited(res, 'sign-up beyond 5 per hour');
      expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    // Attempts that fail count too, so "already exists" cannot be probed without limit.
    const other = newAddress();
    const first = await signup(open, uniqueEmail('first'), { 'x-forwarded-for': other });
    expect(first.status).toBe(201);
    const taken = first.json.user.email;
    for (let i = 0; i < 4; i++) expect((await signup(open, taken, { 'x-forwarded-for': other })).status).toBe(409);
    expectRateLimited(await signup(open, taken, { 'x-forwarded-for': other }), 'sixth attempt, five of them conflicts');
    expect((await signup(open, uniqueEmail('elsewhere'), { 'x-forwarded-for': newAddress() })).status).toBe(201);
  });
});

/** Runs `npm run user:add -- <email>`'s command against a server's data directory and database. */
function addUser(app: AppServer, email: string, password: { env?: string; stdin?: string }): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/add-user.ts', email], {
      cwd: root,
      env: { ...process.env, DATA_DIR: app.dataDir, DATABASE_URL: app.engine === 'postgresql' ? app.databaseUrl : '', BCRYPT_COST: '10', LOG_LEVEL: 'warn', PINGBOARD_PASSWORD: password.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.stdin.end(password.stdin ?? '');
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('SIGNUP=closed', () => {
  const CLOSED = { error: { code: 'forbidden', message: 'Sign-up is closed on this server; ask its operator to add your account' } };

  it('creates only the first account, even when several race for it, and answers later sign-ups 403', async () => {
    expect(await (await fetch(`${closed.url}/signup`)).text()).toContain('name="password"');
    const racing = await Promise.all(Array.from({ length: 4 }, (_, i) => signup(closed, `owner${i}@example.com`, { 'x-forwarded-for': newAddress() })));
    const statuses = racing.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 403, 403, 403]);
    for (const res of racing.filter((r) => r.status === 403)) expect(res.json).toEqual(CLOSED);
    expect(await count(closed, 'SELECT COUNT(*) AS n FROM "User"')).toBe(1);

    const later = await signup(closed, uniqueEmail('later'), { 'x-forwarded-for': newAddress() });
    expect(later.status).toBe(403);
    expect(later.json).toEqual(CLOSED);
    expect(later.headers.get('set-cookie')).toBeNull();
    const page = await (await fetch(`${closed.url}/signup`)).text();
    expect(page).toContain('Sign-up is closed on this server; ask its operator to add your account');
    expect(page).not.toContain('name="password"');
  });

  it('lets the operator add users with npm run user:add, with the same validation as sign-up', async () => {
    const byEnv = await addUser(closed, 'Added@Example.com', { env: 'added-password-1' });
    expect(byEnv, byEnv.output).toMatchObject({ code: 0 });
    expect(byEnv.output).toContain('Added added@example.com');
    const byStdin = await addUser(closed, 'piped@example.com', { stdin: 'piped-password-1\n' });
    expect(byStdin, byStdin.output).toMatchObject({ code: 0 });
    expect((await loginCookie(closed, 'added@example.com', 'added-password-1')).token).toBeTruthy();
    expect((await loginCookie(closed, 'piped@example.com', 'piped-password-1')).token).toBeTruthy();

    const short = await addUser(closed, 'short@example.com', { env: 'short' });
    expect(short.code).toBe(1);
    expect(short.output).toContain('Password must be at least 8 characters');
    const again = await addUser(closed, 'added@example.com', { env: 'another-password' });
    expect(again.code).toBe(1);
    expect(again.output).toContain('An account with this email already exists');
    expect(await count(closed, 'SELECT COUNT(*) AS n FROM "User" WHERE email = ?', 'short@example.com')).toBe(0);
  });
});

describe('cookie mutations must say where they came from', () => {
  it('answers 403 to a cookie-authenticated mutation with neither Origin nor Sec-Fetch-Site; Bearer and sign-in calls are unaffected', async () => {
    const email = uniqueEmail('origin');
    const api = new Api(open.url);
    const address = newAddress();
    const created = await signup(open, email, { 'x-forwarded-for': address }); // curl-style: no Origin
    expect(created.status).toBe(201);
    api.token = created.json.token;
    const { cookie } = await loginCookie(open, email, 'abuse-password-1'); // no Origin either
    const monitor = (await api.post('/api/monitors', { name: 'Mine', url: 'http://127.0.0.1:1/', active: false })).body.monitor;

    const bare = (method: string, p: string, body?: unknown, extra: Record<string, string> = {}) =>
      raw(open.url + p, {
        method,
        headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...extra },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    for (const [method, p, body] of [
      ['PATCH', `/api/monitors/${monitor.id}`, { name: 'Renamed by a bare request' }],
      ['POST', '/api/monitors', { name: 'Planted', url: 'http://127.0.0.1:1/', active: false }],
      ['DELETE', `/api/monitors/${monitor.id}`, undefined],
      ['POST', '/api/auth/logout', undefined],
    ] as const) {
      const res = await bare(method, p, body);
      expect(res.status, `${method} ${p}`).toBe(403);
      expect(res.json?.error?.code).toBe('forbidden');
    }
    expect((await api.get(`/api/monitors/${monitor.id}`)).body.monitor.name).toBe('Mine');
    expect((await raw(`${open.url}/api/auth/me`, { headers: { cookie } })).status).toBe(200);

    // What the app's own pages send still works, and so do scripts with a Bearer token.
    expect((await bare('PATCH', `/api/monitors/${monitor.id}`, { name: 'Same origin' }, { origin: open.url })).status).toBe(200);
    expect((await bare('PATCH', `/api/monitors/${monitor.id}`, { name: 'Fetch metadata' }, { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await api.patch(`/api/monitors/${monitor.id}`, { name: 'Script' })).status).toBe(200);
  });
});

describe('heartbeat URLs are rate-limited per token', () => {
  it('accepts 10 pings per second on one token, answers the rest 429 with Retry-After, and leaves other tokens alone', async () => {
    const api = new Api(open.url);
    api.token = (await signup(open, uniqueEmail('pinger'), { 'x-forwarded-for': newAddress() })).json.token;
    const make = async (name: string) => (await api.post('/api/monitors', { name, type: 'heartbeat', intervalSeconds: 60 })).body.monitor.heartbeatUrl as string;
    const [busy, quiet] = [await make('Runaway job'), await make('Quiet job')];

    const started = performance.now();
    const pings = await Promise.all(Array.from({ length: 40 }, (_, i) => raw(i % 4 === 3 ? `${busy}/fail` : busy, { method: i % 2 ? 'POST' : 'GET' })));
    const seconds = Math.ceil((performance.now() - started) / 1000);
    const accepted = pings.filter((r) => r.status === 200).length;
    // Exactly 10 when the burst fits in one second, as it does on any ordinary machine.
    expect(accepted, `${accepted} accepted in ${seconds} s`).toBeGreaterThanOrEqual(10);
    expect(accepted, `${accepted} accepted in ${seconds} s`).toBeLessThanOrEqual(10 * seconds);
    for (const res of pings.filter((r) => r.status !== 200)) {
      expectRateLimited(res, 'ping beyond 10 per second');
      expect(res.headers.get('retry-after')).toBe('1');
    }
    expect((await raw(quiet)).status).toBe(200);
    // The window slides: the busy token is accepted again within a second or so.
    await waitFor(async () => (await raw(busy)).status === 200, 5000, 'the busy heartbeat to accept pings again');
  });
});
