import { beforeEach, describe, expect, it, vi } from 'vitest';
import { cached, forgetPublicStatus } from '@/lib/status-pages/view-cache';

// The cache lives on globalThis, so every test starts from an empty one. Time is the `now`
// argument; no timers run.

beforeEach(() => forgetPublicStatus());

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets the cache's own then-handlers run. */
const settle = () => new Promise<void>((r) => setImmediate(r));

describe('cached', () => {
  it.each([
    // stored at 1000 for 500 ms; asked again at:
    [1000, true],
    [1499, true],
    [1500, false], // the TTL is over exactly at expiry
    [9000, false],
  ])('a second call at %i reuses the first computation: %s', async (at, reused) => {
    const first = vi.fn(async () => 'first');
    const second = vi.fn(async () => 'second');
    const p1 = cached('page:acme', 500, first, 1000);
    const p2 = cached('page:acme', 500, second, at);
    expect(p2 === p1).toBe(reused);
    expect(await p2).toBe(reused ? 'first' : 'second');
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(reused ? 0 : 1);
  });

  it('shares a computation still running with everyone who asks', async () => {
    const d = deferred<string>();
    const compute = vi.fn(() => d.promise);
    const calls = [cached('k', 1000, compute, 0), cached('k', 1000, compute, 10), cached('k', 1000, compute, 20)];
    d.resolve('view');
    expect(await Promise.all(calls)).toEqual(['view', 'view', 'view']);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('keeps each key apart', async () => {
    const a = cached('page:a', 1000, async () => 'a', 0);
    const b = cached('page:b', 1000, async () => 'b', 0);
    expect(b).not.toBe(a);
    expect(await cached('page:a', 1000, async () => 'again', 1)).toBe('a');
    expect(await cached('page:b', 1000, async () => 'again', 1)).toBe('b');
  });

  it('recomputes after the TTL and keeps the new value for a TTL of its own', async () => {
    await cached('k', 100, async () => 1, 0);
    expect(await cached('k', 100, async () => 2, 100)).toBe(2);
    expect(await cached('k', 100, async () => 3, 199)).toBe(2);
    expect(await cached('k', 100, async () => 4, 200)).toBe(4);
  });

  it('does not keep a failed computation', async () => {
    const failed = cached('k', 1000, async () => Promise.reject(new Error('database down')), 0);
    await expect(failed).rejects.toThrow('database down');
    await settle();
    const retry = vi.fn(async () => 'view');
    expect(await cached('k', 1000, retry, 1)).toBe('view');
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it('lets a late failure leave alone the newer value stored under its key', async () => {
    const old = deferred<string>();
    const stale = cached('k', 100, () => old.promise, 0);
    const fresh = cached('k', 100, async () => 'fresh', 150); // the first one's TTL is over
    old.reject(new Error('timed out'));
    await expect(stale).rejects.toThrow('timed out');
    await settle();
    expect(cached('k', 100, async () => 'third', 160)).toBe(fresh);
  });

  it('drops the oldest entry once 1000 are kept', async () => {
    for (let i = 0; i < 1000; i++) cached(`k${i}`, 1000, async () => i, 0);
    cached('k1000', 1000, async () => 1000, 0);
    expect(await cached('k1', 1000, async () => -1, 1)).toBe(1);
    expect(await cached('k1000', 1000, async () => -1, 1)).toBe(1000);
    expect(await cached('k0', 1000, async () => -1, 1)).toBe(-1); // evicted, so computed again (last: it evicts k1 in turn)
  });
});

describe('forgetPublicStatus', () => {
  it('drops every entry', async () => {
    await cached('page:a', 60_000, async () => 'old a', 0);
    await cached('badge:b', 60_000, async () => 'old b', 0);
    forgetPublicStatus('page-1');
    expect(await cached('page:a', 60_000, async () => 'new a', 1)).toBe('new a');
    expect(await cached('badge:b', 60_000, async () => 'new b', 1)).toBe('new b');
  });

  it('keeps nothing from a computation that was running when it was called', async () => {
    const before = deferred<string>();
    const stale = cached('k', 60_000, () => before.promise, 0);
    forgetPublicStatus();
    const fresh = cached('k', 60_000, async () => 'fresh', 1); // asked after the change: computed afresh
    expect(fresh).not.toBe(stale);
    before.resolve('stale');
    expect(await stale).toBe('stale'); // those who asked before the change still get an answer
    await settle();
    expect(await cached('k', 60_000, async () => 'later', 2)).toBe('fresh');
  });

  it('keeps nothing from a computation during which it was called', async () => {
    // The change lands after the computation began but before the cache stored it.
    const stale = cached(
      'k',
      60_000,
      () => {
        forgetPublicStatus();
        return Promise.resolve('stale');
      },
      0,
    );
    expect(await stale).toBe('stale');
    await settle();
    expect(await cached('k', 60_000, async () => 'fresh', 1)).toBe('fresh');
  });
});
