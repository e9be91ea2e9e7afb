// Sliding-window counters of failed logins, per account and per client address. Kept in
// memory: Pingboard is one process, and a restart forgetting failures is an acceptable cost.

const WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 10;
export const MAX_FAILURES_PER_ADDRESS = 30;
const MAX_TRACKED_KEYS = 100_000;

type Bucket = number[];

const globalForThrottle = globalThis as unknown as { __pingboardLoginFailures?: Map<string, Bucket> };
const failures = (globalForThrottle.__pingboardLoginFailures ??= new Map<string, Bucket>());

function recent(key: string, now: number): Bucket {
  const bucket = (failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
  if (bucket.length === 0) failures.delete(key);
  else failures.set(key, bucket);
  return bucket;
}

function keys(email: string, address: string): { account: string; address: string } {
  return { account: `acct:${email}`, address: `addr:${address}` };
}

/** Seconds until the caller may try again, or 0 when not throttled. */
export function loginRetryAfterSeconds(email: string, address: string, now = Date.now()): number {
  const k = keys(email, address);
  const waits: number[] = [];
  for (const [key, max] of [
    [k.account, MAX_FAILURES_PER_ACCOUNT],
    [k.address, MAX_FAILURES_PER_ADDRESS],
  ] as const) {
    const bucket = recent(key, now);
    if (bucket.length >= max) waits.push(Math.ceil((bucket[bucket.length - max] + WINDOW_MS - now) / 1000));
  }
  return waits.length ? Math.max(1, ...waits) : 0;
}

export function recordLoginFailure(email: string, address: string, now = Date.now()): void {
  if (failures.size > MAX_TRACKED_KEYS) failures.clear();
  const k = keys(email, address);
  for (const key of [k.account, k.address]) failures.set(key, [...recent(key, now), now]);
}

export function clearAccountFailures(email: string): void {
  failures.delete(keys(email, '').account);
}
