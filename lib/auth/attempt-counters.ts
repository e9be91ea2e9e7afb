// Sliding-window counters of attempts: failed logins, sign-ups, heartbeat pings. This file is
// the whole store, behind three calls (take, release, clear), so moving the counters to the
// database later replaces this file and nothing else. Today they live in memory: Pingboard is
// one process, and a restart forgetting them is an acceptable cost.
//
// take() counts one attempt under several limits at once, or under none when any limit is full,
// and it does so within one call: nothing can run between the check and the count, so parallel
// attempts cannot all slip past a limit (a database store must keep that with one transaction).

export interface Limit {
  key: string;
  max: number;
  windowMs: number;
}

/** A counted attempt; releasing it forgets it (a login that turned out to be right). */
export interface Taken {
  allowed: true;
  release: () => Promise<void>;
}

export interface Refused {
  allowed: false;
  /** Whole seconds until every full limit has room again; at least 1. */
  retryAfterSeconds: number;
}

type Bucket = number[];

/**
 * Each kind of counter has its own map, so flooding one (random heartbeat tokens, say) can
 * evict only its own keys and never resets a login lockout. Maps keep insertion order and a
 * key is re-inserted whenever it is counted, so the first key is the one idle longest.
 */
const globalForCounters = globalThis as unknown as { __pingboardAttemptCounters?: Map<string, Map<string, Bucket>> };
const stores = (globalForCounters.__pingboardAttemptCounters ??= new Map());

const MAX_KEYS_PER_KIND = 100_000;

function storeOf(kind: string): Map<string, Bucket> {
  let store = stores.get(kind);
  if (!store) stores.set(kind, (store = new Map()));
  return store;
}

function recent(store: Map<string, Bucket>, key: string, windowMs: number, now: number): Bucket {
  const bucket = (store.get(key) ?? []).filter((t) => now - t < windowMs);
  store.delete(key);
  if (bucket.length > 0) store.set(key, bucket);
  return bucket;
}

/** Counts one attempt under every limit, or refuses without counting anything when one is full. */
export async function take(kind: string, limits: Limit[], now = Date.now()): Promise<Taken | Refused> {
  const store = storeOf(kind);
  const buckets = limits.map((l) => recent(store, l.key, l.windowMs, now));
  let wait = 0;
  limits.forEach((l, i) => {
    const bucket = buckets[i];
    // Full: the attempt that must leave the window before another fits is bucket[length - max].
    if (bucket.length >= l.max) wait = Math.max(wait, bucket[bucket.length - l.max] + l.windowMs - now);
  });
  if (wait > 0) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
  limits.forEach((l, i) => store.set(l.key, [...buckets[i], now]));
  while (store.size > MAX_KEYS_PER_KIND) store.delete(store.keys().next().value as string);
  return { allowed: true, release: async () => forget(store, limits, now) };
}

function forget(store: Map<string, Bucket>, limits: Limit[], at: number): void {
  for (const { key } of limits) {
    const bucket = store.get(key);
    const i = bucket?.indexOf(at) ?? -1;
    if (!bucket || i < 0) continue;
    bucket.splice(i, 1);
    if (bucket.length === 0) store.delete(key);
  }
}

/** Forgets every attempt counted under the key. */
export async function clear(kind: string, key: string): Promise<void> {
  storeOf(kind).delete(key);
}
