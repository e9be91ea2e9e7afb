// Matrix items 7 (no user enumeration: same status, body and time for an unknown email and a
// wrong password) and 8 (passwords over 72 UTF-8 bytes refused; bcrypt cost at least 10).
// The server trusts X-Forwarded-For here so every login can come from its own address and
// the per-address throttle (tested in security-throttle) never interferes with the timing.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { Api } from '../support/api';
import { dbRow, median, raw, uniqueEmail, type RawResponse } from './security-support';

let app: AppServer;
beforeAll(async () => {
  app = await startApp({ env: { TRUST_PROXY: 'true' } });
});
afterAll(async () => {
  await app?.dispose();
});

const freshAddress = () => `198.51.100.${randomBytes(1)[0]}, 10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

function login(email: string, password: string): Promise<RawResponse> {
  return raw(`${app.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': freshAddress() },
    body: JSON.stringify({ email, password }),
  });
}

async function timedLogin(email: string, password: string): Promise<{ ms: number; res: RawResponse }> {
  const started = performance.now();
  const res = await login(email, password);
  return { ms: performance.now() - started, res };
}

const headerShape = (res: RawResponse) =>
  [...res.headers.keys()].filter((k) => !['date', 'content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(k)).sort();

describe('7. no user enumeration at login', () => {
  it('answers an unknown email and a wrong password with the same status, body and headers', async () => {
    const email = uniqueEmail('enum');
    await new Api(app.url).signup(email, 'the-right-password');
    const wrong = await login(email, 'a-wrong-password');
    const unknown = await login(uniqueEmail('nobody'), 'a-wrong-password');
    const wrongCase = await login(email.toUpperCase(), 'a-wrong-password');
    for (const res of [wrong, unknown, wrongCase]) {
      expect(res.status).toBe(401);
      expect(res.text).toBe(unknown.text);
      expect(headerShape(res)).toEqual(headerShape(unknown));
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    expect(unknown.json).toEqual({ error: { code: 'unauthorized', message: 'Invalid email or password' } });
  });

  it('takes the same time, within 50 ms, for an unknown email and a wrong password (median of interleaved attempts)', async () => {
    // A real leak (no dummy hash) costs a whole bcrypt comparison, every time; noise does not
    // repeat, so a round spoiled by a busy machine is measured again, up to three rounds.
    const rounds: Array<{ wrong: number; unknown: number }> = [];
    for (let round = 0; round < 3; round++) {
      const email = uniqueEmail(`timing${round}`);
      await new Api(app.url).signup(email, 'the-right-password');
      // Warm both paths once (route code, bcrypt, SQLite pages) before measuring.
      await login(email, 'warm-up-wrong');
      await login(uniqueEmail('warm'), 'warm-up-wrong');
      const wrong: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 7; i++) {
        const a = await timedLogin(email, `wrong-${i}`);
        const b = await timedLogin(uniqueEmail('ghost'), `wrong-${i}`);
        expect(a.res.status).toBe(401);
        expect(b.res.status).toBe(401);
        wrong.push(a.ms);
        unknown.push(b.ms);
      }
      rounds.push({ wrong: median(wrong), unknown: median(unknown) });
      if (Math.abs(median(wrong) - median(unknown)) < 50) break;
    }
    const last = rounds.at(-1)!;
    expect(Math.abs(last.wrong - last.unknown), JSON.stringify(rounds)).toBeLessThan(50);
    // And both really ran bcrypt (cost 10 is tens of milliseconds), so the comparison means something.
    expect(Math.min(last.wrong, last.unknown), JSON.stringify(rounds)).toBeGreaterThan(15);
  });

  it('says "already exists" only at signup of an existing email', async () => {
    const email = uniqueEmail('exists');
    await new Api(app.url).signup(email, 'the-right-password');
    const again = await new Api(app.url).post('/api/auth/signup', { email: email.toUpperCase(), password: 'another-password' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already exists/);
    // Validation runs first, so a bad password says nothing about the email.
    const badPassword = await new Api(app.url).post('/api/auth/signup', { email, password: 'short' });
    expect(badPassword.status).toBe(400);
    expect(JSON.stringify(badPassword.body)).not.toMatch(/exist/i);
    for (const res of [await login(email, 'wrong-password'), await login(uniqueEmail('none'), 'wrong-password')]) {
      expect(JSON.stringify(res.json)).not.toMatch(/exist|unknown|not found|no such/i);
    }
  });
});

describe('8. password length and bcrypt cost', () => {
  it('refuses passwords over 72 UTF-8 bytes at signup and password change, and accepts exactly 72', async () => {
    const cases: Array<[string, number]> = [
      ['a'.repeat(73), 400],
      ['é'.repeat(37), 400], // 37 characters, 74 bytes
      ['🔒'.repeat(19), 400], // 38 UTF-16 units, 76 bytes
      ['a'.repeat(72), 201],
      ['é'.repeat(36), 201], // 72 bytes
      ['🔒'.repeat(18), 201], // 72 bytes
    ];
    for (const [password, status] of cases) {
      const res = await new Api(app.url).post('/api/auth/signup', { email: uniqueEmail('len'), password });
      expect(res.status, `${password.length} chars, ${Buffer.byteLength(password)} bytes`).toBe(status);
      if (status === 400) expect(JSON.stringify(res.body.error.issues)).toMatch(/72 bytes/);
    }
    const api = new Api(app.url);
    await api.signup(uniqueEmail('len-change'), 'short-enough-1');
    const change = await api.post('/api/auth/password', { currentPassword: 'short-enough-1', newPassword: 'ü'.repeat(37) });
    expect(change.status).toBe(400);
    expect((await api.get('/api/auth/me')).status).toBe(200);
  });

  it('does not let a password that only shares the first 72 bytes log in', async () => {
    const email = uniqueEmail('trunc');
    const password = `${'p'.repeat(70)}é`; // 72 bytes
    await new Api(app.url).signup(email, password);
    expect((await login(email, password)).status).toBe(200);
    expect((await login(email, `${password}and-anything-after`)).status).toBe(401);
  });

  it('stores bcrypt hashes with a cost of at least 10, never the password', async () => {
    const email = uniqueEmail('cost');
    await new Api(app.url).signup(email, 'stored-password-1');
    const hash = (await dbRow<{ h: string }>(app, 'SELECT "passwordHash" AS h FROM "User" WHERE email = ?', email))!.h;
    const m = /^\$2[aby]\$(\d{2})\$[./A-Za-z0-9]{53}$/.exec(hash);
    expect(m, hash).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThanOrEqual(10);
    expect(hash).not.toContain('stored-password-1');
  });
});
