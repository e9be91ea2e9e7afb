// Several instances behind a load balancer share one PostgreSQL database, and with it the
// login and sign-up throttles and the generated JWT secret: ten failed logins spread over three
// instances lock the guesser out on all three, forty parallel guesses over three instances get
// exactly ten comparisons, sign-ups per address add up across instances, and a session made on
// one instance works on the others. When the counters cannot be read, a login
// is refused with 503 and Retry-After, never compared uncounted and never a 500. PostgreSQL
// only: on SQLite one process owns the database. The servers trust X-Forwarded-For so each
// request names its address.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { Api } from '../support/api';
import { createDatabase, dropDatabase, testEngine } from '../support/postgres';
import { expectThrottled, raw, uniqueEmail, type RawResponse } from './security-support';

describe.runIf(testEngine() === 'postgresql')('three instances on one PostgreSQL database', () => {
  let databaseUrl: string;
  let apps: AppServer[] = [];

  beforeAll(async () => {
    databaseUrl = await createDatabase('pingboard_shared_auth');
    // Started together, as a deployment would: they also race to migrate and to make the secret.
    // No JWT_SECRET: each must read the one secret the first of them stored.
    apps = await Promise.all(
      [0, 1, 2].map(() => startApp({ env: { DATABASE_URL: databaseUrl, TRUST_PROXY: 'true', SIGNUP_MAX_PER_HOUR: '3', JWT_SECRET: '' } })),
    );
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.dispose()));
    if (databaseUrl) await dropDatabase(databaseUrl);
  });

  let n = 0;
  /** A client address no other request in this file used. */
  const newAddress = () => {
    n++;
    return `10.77.${Math.floor(n / 250)}.${n % 250}`;
  };

  function post(app: AppServer, route: string, body: unknown, address: string): Promise<RawResponse> {
    return raw(`${app.url}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify(body),
    });
  }
  const login = (app: AppServer, email: string, password: string, address: string) => post(app, '/api/auth/login', { email, password }, address);

  /** An account signed up from an address of its own, so the sign-up limit of 3 per address is not touched. */
  async function account(prefix: string, app = apps[0]) {
    const user = { email: uniqueEmail(prefix), password: `${prefix}-password-1` };
    const res = await post(app, '/api/auth/signup', user, newAddress());
    expect(res.status, res.text).toBe(201);
    return { ...user, token: res.json.token as string };
  }

  async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }

  it('locks the guessing address out on every instance after ten failures spread over three', async () => {
    const victim = await account('spread');
    const attacker = newAddress();
    for (let i = 0; i < 10; i++) {
      expect((await login(apps[i % 3], victim.email, `wrong-${i}`, attacker)).status, `failure ${i + 1} on instance ${i % 3}`).toBe(401);
    }
    for (const [i, app] of apps.entries()) expectThrottled(await login(app, victim.email, victim.password, attacker), `the right password on instance ${i}`);
    // The owner, elsewhere, is not locked out; nor is the attacker's address forgiven by that.
    expect((await login(apps[2], victim.email, victim.password, newAddress())).status).toBe(200);
    expectThrottled(await login(apps[1], victim.email, victim.password, attacker), 'the attacker address after the owner signed in');
  });

  it('compares exactly 10 of 40 parallel wrong guesses from one address spread over three instances', async () => {
    const victim = await account('race');
    const address = newAddress();
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => login(apps[i % 3], victim.email, `guess-${i}`, address)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length, statuses.join(' ')).toBe(10);
    for (const res of results.filter((r) => r.status !== 401)) expectThrottled(res, 'a guess past the limit');
  });

  it('adds up sign-ups from one address across instances', async () => {
    const address = newAddress();
    for (let i = 0; i < 3; i++) {
      const res = await post(apps[i], '/api/auth/signup', { email: uniqueEmail('many'), password: 'many-password-1' }, address);
      expect(res.status, `sign-up ${i + 1} on instance ${i}`).toBe(201);
    }
    const fourth = await post(apps[0], '/api/auth/signup', { email: uniqueEmail('many'), password: 'many-password-1' }, address);
    expect(fourth.status).toBe(429);
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('accepts a session made on one instance on the others: they share one generated JWT secret', async () => {
    const user = await account('session', apps[1]);
    for (const app of apps) expect((await new Api(app.url, user.token).get('/api/auth/me')).status).toBe(200);
    const stored = await withAdmin((c) => c.query(`SELECT value FROM "Setting" WHERE key = 'jwt-secret'`));
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0].value).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers 503 with Retry-After, not 500 and not a comparison, when the counters cannot be read', async () => {
    const user = await account('outage');
    const address = newAddress();
    const expectUnavailable = (res: RawResponse, what: string) => {
      expect(res.status, `${what}: ${res.text}`).toBe(503);
      expect(res.json?.error?.code, what).toBe('unavailable');
      expect(res.headers.get('retry-after'), what).toBe('1');
      expect(res.headers.get('set-cookie'), what).toBeNull();
    };

    // A broken table (an error that is not "busy"): refused as unavailable, right password or not.
    await withAdmin((c) => c.query(`ALTER TABLE "Attempt" RENAME TO "Attempt_away"`));
    try {
      expectUnavailable(await login(apps[0], user.email, 'wrong-password', address), 'a wrong password');
      expectUnavailable(await login(apps[1], user.email, user.password, address), 'the right password');
    } finally {
      await withAdmin((c) => c.query(`ALTER TABLE "Attempt_away" RENAME TO "Attempt"`));
    }

    // A table locked by someone else: the wait ends at lock_timeout, and the login with it.
    const holder = new pg.Client({ connectionString: databaseUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE "Attempt" IN ACCESS EXCLUSIVE MODE');
      expectUnavailable(await login(apps[2], user.email, 'wrong-password', address), 'a login while the table is locked');
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    }

    // Nothing was counted meanwhile, and all is well again.
    const counted = await withAdmin((c) => c.query(`SELECT COUNT(*)::int AS n FROM "Attempt" WHERE key LIKE $1`, [`%${address}%`]));
    expect(counted.rows[0].n).toBe(0);
    expect((await login(apps[0], user.email, user.password, address)).status).toBe(200);
  });
});
