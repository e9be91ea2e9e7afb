import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { connectPostgres } from '@/lib/db/postgresql/connect';
import { migratePostgres } from '@/lib/db/postgresql/migrate';
import { attemptLockKey } from '@/lib/db/postgresql/attempts';
import { startServer } from '../../support/postgres';
import { createDatabase, dropDatabase } from '../../../scripts/postgres-cluster.mjs';

// The shared attempt counters on a real PostgreSQL, with two Prisma clients standing for two
// instances behind a load balancer: parallel takes on one key, from both, never count past the
// limit; a full limit refuses without counting anything; the window slides; releasing and
// clearing forget; old rows are pruned. The data layer is used as the app uses it, with the
// client passed in the way each instance's own would be.

let server: { adminUrl: string; stop: () => Promise<void> };
let url: string;
let one: PrismaClient;
let two: PrismaClient;
let attempts: typeof import('@/lib/data/attempts');

beforeAll(async () => {
  server = await startServer();
  url = await createDatabase(server.adminUrl, 'pingboard_attempts');
  await migratePostgres(url);
  // The data layer asks the configured engine for its statements.
  process.env.DATABASE_URL = url;
  attempts = await import('@/lib/data/attempts');
  one = connectPostgres(url);
  two = connectPostgres(url);
}, 120_000);
afterAll(async () => {
  await Promise.all([one?.$disconnect(), two?.$disconnect()]);
  if (url) await dropDatabase(url, server.adminUrl);
  await server?.stop();
});

const MINUTE = 60_000;
let n = 0;
const fresh = (what: string) => `${what}-${++n}-${Math.random().toString(36).slice(2)}`;

async function rowsOf(kind: string, key: string): Promise<number> {
  return one.attempt.count({ where: { kind, key } });
}

describe('shared attempt counters on PostgreSQL', () => {
  it('is the engine that shares them', () => {
    expect(attempts.attemptsAreShared()).toBe(true);
  });

  it('lets exactly 10 of 40 parallel takes on one key through, spread over two instances', async () => {
    const key = fresh('pair');
    const now = Date.now();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => attempts.takeSharedAttempt('login', [{ key, max: 10, windowMs: 15 * MINUTE }], now, i % 2 ? one : two)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    for (const r of results.filter((r) => !r.allowed)) expect(r).toEqual({ allowed: false, blockedUntilMs: now + 15 * MINUTE });
    expect(await rowsOf('login', key)).toBe(10);
  });

  it('refuses without counting anything when one of several limits is full', async () => {
    const [pair, acct, addr] = [fresh('pair'), fresh('acct'), fresh('addr')];
    const limits = (max: number) => [
      { key: pair, max: 10, windowMs: 15 * MINUTE },
      { key: acct, max: 100, windowMs: 15 * MINUTE },
      { key: addr, max, windowMs: 15 * MINUTE },
    ];
    const now = Date.now();
    expect(await attempts.takeSharedAttempt('login', limits(2), now, one)).toMatchObject({ allowed: true });
    expect(await attempts.takeSharedAttempt('login', limits(2), now + 1000, two)).toMatchObject({ allowed: true });
    expect(await attempts.takeSharedAttempt('login', limits(2), now + 2000, one)).toEqual({ allowed: false, blockedUntilMs: now + 15 * MINUTE });
    expect([await rowsOf('login', pair), await rowsOf('login', acct), await rowsOf('login', addr)]).toEqual([2, 2, 2]);
    // Another address is not held back by this one.
    const other = [{ key: fresh('addr'), max: 2, windowMs: 15 * MINUTE }];
    expect(await attempts.takeSharedAttempt('login', other, now + 2000, two)).toMatchObject({ allowed: true });
  });

  it('counts one row per distinct key when two limits share a key', async () => {
    const key = fresh('signup');
    const taken = await attempts.takeSharedAttempt('signup', [{ key, max: 5, windowMs: MINUTE }, { key, max: 50, windowMs: 60 * MINUTE }], Date.now(), one);
    expect(taken).toMatchObject({ allowed: true, ids: [expect.any(String)] });
    expect(await rowsOf('signup', key)).toBe(1);
  });

  it('slides the window: refused until the oldest counted attempt leaves it', async () => {
    const key = fresh('slide');
    const limit = [{ key, max: 3, windowMs: MINUTE }];
    const t0 = Date.now();
    for (const at of [t0, t0 + 10_000, t0 + 20_000]) expect((await attempts.takeSharedAttempt('login', limit, at, one)).allowed).toBe(true);
    expect(await attempts.takeSharedAttempt('login', limit, t0 + 30_000, two)).toEqual({ allowed: false, blockedUntilMs: t0 + MINUTE });
    expect(await attempts.takeSharedAttempt('login', limit, t0 + MINUTE - 1, two)).toEqual({ allowed: false, blockedUntilMs: t0 + MINUTE });
    expect((await attempts.takeSharedAttempt('login', limit, t0 + MINUTE, two)).allowed).toBe(true);
    // Now t0 + 10 s is the oldest of the three in the window.
    expect(await attempts.takeSharedAttempt('login', limit, t0 + MINUTE + 1, one)).toEqual({ allowed: false, blockedUntilMs: t0 + 10_000 + MINUTE });
  });

  it('tells the longest wait when several limits are full', async () => {
    const [a, b] = [fresh('a'), fresh('b')];
    const t0 = Date.now();
    const limits = [{ key: a, max: 1, windowMs: MINUTE }, { key: b, max: 1, windowMs: 10 * MINUTE }];
    expect((await attempts.takeSharedAttempt('login', limits, t0, one)).allowed).toBe(true);
    expect(await attempts.takeSharedAttempt('login', limits, t0 + 1, two)).toEqual({ allowed: false, blockedUntilMs: t0 + 10 * MINUTE });
  });

  it('forgets released attempts and cleared keys', async () => {
    const [pair, addr] = [fresh('pair'), fresh('addr')];
    const limits = [{ key: pair, max: 2, windowMs: MINUTE }, { key: addr, max: 2, windowMs: MINUTE }];
    const now = Date.now();
    const first = await attempts.takeSharedAttempt('login', limits, now, one);
    const second = await attempts.takeSharedAttempt('login', limits, now, two);
    expect(first.allowed && second.allowed).toBe(true);
    expect((await attempts.takeSharedAttempt('login', limits, now, one)).allowed).toBe(false);
    if (!second.allowed) throw new Error('unreachable');
    await attempts.releaseSharedAttempts(second.ids, one);
    expect([await rowsOf('login', pair), await rowsOf('login', addr)]).toEqual([1, 1]);
    expect((await attempts.takeSharedAttempt('login', limits, now, two)).allowed).toBe(true);
    await attempts.clearSharedAttempts('login', pair, two);
    expect([await rowsOf('login', pair), await rowsOf('login', addr)]).toEqual([0, 2]);
  });

  it('prunes only the kind\'s rows older than the cutoff', async () => {
    const key = fresh('old');
    const t0 = Date.now() - 2 * 60 * MINUTE;
    for (const [kind, at] of [['prune-a', t0], ['prune-a', t0 + 30 * MINUTE], ['prune-a', t0 + 90 * MINUTE], ['prune-b', t0]] as const) {
      await attempts.takeSharedAttempt(kind, [{ key, max: 10, windowMs: 60 * MINUTE }], at, one);
    }
    expect(await attempts.forgetSharedAttemptsBefore('prune-a', t0 + 60 * MINUTE, two)).toBe(2);
    expect([await rowsOf('prune-a', key), await rowsOf('prune-b', key)]).toEqual([1, 1]);
  });

  it('never deadlocks when parallel takes name the same keys in opposite orders', async () => {
    const [a, b, c] = [fresh('a'), fresh('b'), fresh('c')];
    const orders = [[a, b, c], [c, b, a], [b, a, c], [c, a, b]];
    const now = Date.now();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        attempts.takeSharedAttempt('login', orders[i % 4].map((key) => ({ key, max: 15, windowMs: MINUTE })), now, i % 2 ? one : two),
      ),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(15);
    expect([await rowsOf('login', a), await rowsOf('login', b), await rowsOf('login', c)]).toEqual([15, 15, 15]);
  });

  it('hashes a key to the same signed 64-bit lock in every process', () => {
    expect(attemptLockKey('login', 'pair:10.0.0.1 a@example.com')).toBe(attemptLockKey('login', 'pair:10.0.0.1 a@example.com'));
    expect(attemptLockKey('login', 'x')).not.toBe(attemptLockKey('signup', 'x'));
    // A fixed value: changing the hash would let old and new instances count a key apart during a rolling upgrade.
    expect(attemptLockKey('login', 'acct:a@example.com')).toMatchInlineSnapshot(`-5429745262959161123n`);
  });
});
