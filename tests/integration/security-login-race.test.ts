// The login throttle (issue 11): an attempt is counted before its password is compared, so
// parallel guesses cannot all be compared; the lockout is per (account, client address), so a
// guesser at one address cannot lock the owner out at another; and a higher per-account limit
// (100 failures in 15 minutes) stops guessing spread over many addresses. The server trusts
// X-Forwarded-For (TRUST_PROXY) so each request can come from the address the test names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { Api } from '../support/api';
import { expectThrottled, raw, uniqueEmail, type RawResponse } from './security-support';

let app: AppServer;
// bcrypt at the production cost (12) yields to other requests while it compares, as the real
// race did; at the tests' usual cost 10 one comparison finishes before the next request is read.
let costly: AppServer;
beforeAll(async () => {
  [app, costly] = await Promise.all([startApp({ env: { TRUST_PROXY: 'true' } }), startApp({ env: { TRUST_PROXY: 'true', BCRYPT_COST: '12' } })]);
});
afterAll(async () => {
  await Promise.all([app?.dispose(), costly?.dispose()]);
});

let n = 0;
/** A client address no other request in this file used. */
const newAddress = () => {
  n++;
  return `10.${Math.floor(n / 250)}.${n % 250}.1`;
};

function login(email: string, password: string, address: string, server = app): Promise<RawResponse> {
  return raw(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ email, password }),
  });
}

async function account(prefix: string, server = app) {
  const user = { email: uniqueEmail(prefix), password: `${prefix}-password-1` };
  await new Api(server.url).signup(user.email, user.password);
  return user;
}

describe('login throttle', () => {
  it('compares at most 10 of 40 parallel wrong guesses from one address; the rest are refused before any comparison', async () => {
    const victim = await account('race', costly);
    const address = newAddress();
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => login(victim.email, `guess-${i}`, address, costly)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length, statuses.join(' ')).toBe(10);
    for (const res of results.filter((r) => r.status !== 401)) expectThrottled(res, 'a guess past the limit');
    expectThrottled(await login(victim.email, victim.password, address, costly), 'the right password from the guessing address');
  });

  it('locks out the account at the guessing address only: the owner signs in from another address', async () => {
    const owner = await account('owner');
    const attacker = newAddress();
    for (let i = 1; i <= 10; i++) expect((await login(owner.email, `wrong-${i}`, attacker)).status, `failure ${i}`).toBe(401);
    expectThrottled(await login(owner.email, owner.password, attacker), 'the right password from the attacker address');
    expect((await login(owner.email, owner.password, newAddress())).status, 'the owner at home').toBe(200);
    // The owner's success forgives the owner's address, not the attacker's.
    expectThrottled(await login(owner.email, owner.password, attacker), 'the attacker address after the owner signed in');
  });

  it('locks the account for everyone after 100 failures spread over many addresses', async () => {
    const target = await account('spread');
    // 99 failures, one per address, 10 at a time: below every limit, and no lockout for the owner.
    for (let batch = 0; batch < 99; batch += 10) {
      const size = Math.min(10, 99 - batch);
      const results = await Promise.all(Array.from({ length: size }, (_, i) => login(target.email, `spread-${batch + i}`, newAddress())));
      results.forEach((r, i) => expect(r.status, `failure ${batch + i + 1}`).toBe(401));
    }
    expect((await login(target.email, target.password, newAddress())).status, 'the owner after 99 failures elsewhere').toBe(200);
    expect((await login(target.email, 'spread-100', newAddress())).status, 'failure 100').toBe(401);
    expectThrottled(await login(target.email, target.password, newAddress()), 'the owner from a new address after 100 failures');
  });
});
