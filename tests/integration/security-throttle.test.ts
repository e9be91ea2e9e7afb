// Matrix item 6: after 10 failures for one account from one address, or 30 from one address,
// within 15 minutes, login answers 429 with Retry-After. X-Forwarded-For counts only with
// TRUST_PROXY, and then only the entry the proxy appended, so rotating it gains nothing.
// The per-account limit over many addresses and parallel guesses: security-login-race.test.ts.
// Each server here is fresh: the counters are per process and every test request comes
// from 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { Api } from '../support/api';
import { expectThrottled, raw, uniqueEmail, type RawResponse } from './security-support';

let direct: AppServer;
let proxied: AppServer;
beforeAll(async () => {
  [direct, proxied] = await Promise.all([startApp(), startApp({ env: { TRUST_PROXY: 'true' } })]);
});
afterAll(async () => {
  await Promise.all([direct?.dispose(), proxied?.dispose()]);
});

let n = 0;
const rotating = () => {
  n++;
  return { 'x-forwarded-for': `203.0.113.${n % 250}`, 'x-real-ip': `198.51.100.${n % 250}`, 'x-pingboard-peer-address': `192.0.2.${n % 250}` };
};

function login(app: AppServer, email: string, password: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return raw(`${app.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email, password }),
  });
}

describe('6. login throttling without a trusted proxy', () => {
  const victim = { email: uniqueEmail('victim'), password: 'victim-password-1' };
  const bystander = { email: uniqueEmail('bystander'), password: 'bystander-password' };

  beforeAll(async () => {
    await new Api(direct.url).signup(victim.email, victim.password);
    await new Api(direct.url).signup(bystander.email, bystander.password);
  });

  it('blocks an account after 10 failures, even with the right password, however the forwarding headers rotate', async () => {
    for (let i = 1; i <= 10; i++) {
      const res = await login(direct, victim.email, `wrong-${i}`, rotating());
      expect(res.status, `failure ${i}`).toBe(401);
    }
    expectThrottled(await login(direct, victim.email, victim.password, rotating()), 'right password after 10 failures');
    expectThrottled(await login(direct, victim.email.toUpperCase(), victim.password, rotating()), 'same account, other case');
    // Other accounts are not locked out by it.
    expect((await login(direct, bystander.email, bystander.password)).status).toBe(200);
  });

  it('blocks an address after 30 failures across accounts; rotating X-Forwarded-For or the peer header gains nothing', async () => {
    // 10 failures from 127.0.0.1 so far; 20 more, each for another (unknown) account.
    for (let i = 11; i <= 30; i++) {
      const res = await login(direct, uniqueEmail('spray'), `wrong-${i}`, rotating());
      expect(res.status, `failure ${i}`).toBe(401);
    }
    expectThrottled(await login(direct, bystander.email, bystander.password, rotating()), 'a real account from the same address');
    expectThrottled(await login(direct, uniqueEmail('spray'), 'anything', {}), 'no forwarding headers');
    // Signup and the signed-in API are not login attempts and stay available.
    expect((await new Api(direct.url).post('/api/auth/signup', { email: uniqueEmail('late'), password: 'late-password-1' })).status).toBe(201);
  });
});

describe('6. login throttling behind a trusted proxy (TRUST_PROXY=true)', () => {
  const user = { email: uniqueEmail('proxied'), password: 'proxied-password' };
  beforeAll(async () => {
    await new Api(proxied.url).signup(user.email, user.password);
  });

  it('counts the address the proxy appended, so rotating the client-supplied part gains nothing', async () => {
    for (let i = 1; i <= 30; i++) {
      const res = await login(proxied, uniqueEmail('spray'), `wrong-${i}`, { 'x-forwarded-for': `10.0.${i}.${i}, 203.0.113.50` });
      expect(res.status, `failure ${i}`).toBe(401);
    }
    expectThrottled(await login(proxied, user.email, user.password, { 'x-forwarded-for': '10.9.9.9, 203.0.113.50' }), 'same client address');
    expectThrottled(await login(proxied, user.email, user.password, { 'x-forwarded-for': '203.0.113.50' }), 'same client address, one entry');
    // Another client behind the same proxy is a different address and is not blocked.
    expect((await login(proxied, user.email, user.password, { 'x-forwarded-for': '10.0.1.1, 203.0.113.51' })).status).toBe(200);
  });

  it('does not lock the owner out after 10 failures from 10 other addresses (the account limit is 100)', async () => {
    const victim = { email: uniqueEmail('victim2'), password: 'victim-password-2' };
    await new Api(proxied.url).signup(victim.email, victim.password);
    for (let i = 1; i <= 10; i++) {
      const res = await login(proxied, victim.email, `wrong-${i}`, { 'x-forwarded-for': `198.51.100.${i}` });
      expect(res.status, `failure ${i}`).toBe(401);
    }
    expect((await login(proxied, victim.email, victim.password, { 'x-forwarded-for': '198.51.100.200' })).status, 'right password from a new address').toBe(200);
  });
});
