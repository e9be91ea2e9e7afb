import 'server-only';
import { DomainError } from '@/lib/errors';
import { logger } from '@/lib/logger';
import {
  attemptsAreShared,
  clearSharedAttempts,
  forgetSharedAttemptsBefore,
  releaseSharedAttempts,
  takeSharedAttempt,
} from '@/lib/data/attempts';

// Sliding-window counters of attempts: failed logins, sign-ups, heartbeat pings, behind three
// calls (take, release, clear). Where they live depends on the engine. On PostgreSQL, which
// several instances share behind a load balancer, take() counts in the database (the Attempt
// table), so ten failed logins spread over three instances are ten. On SQLite one process owns
// the database, and the counters live in its memory: a restart forgetting them is an
// acceptable cost. takeInProcess() always counts in memory, for limits that need not be shared.
//
// take() counts one attempt under several limits at once, or under none when any limit is full,
// and nothing can run between the check and the count: in memory because it is one synchronous
// step, in the database because every take on a key holds that key's lock (lib/db/postgresql/attempts.ts).
// So parallel attempts cannot all slip past a limit. When the database cannot count, the
// attempt is refused as "unavailable" (503, retry in a second): never let through uncounted.

export interface Limit {
  key: string;
  max: number;
  windowMs: number;
}

/** A counted attempt; releasing it forgets it (a login that turned out to be right). */
export interface Taken {
  allowed: true;
  /** Never rejects: an attempt that could not be forgotten stays counted, the safe side. */
  release: () => Promise<void>;
}

export interface Refused {
  allowed: false;
  /** Whole seconds until every full limit has room again; at least 1. */
  retryAfterSeconds: number;
}

const retryAfter = (waitMs: number) => Math.max(1, Math.ceil(waitMs / 1000));

/** Counts one attempt under every limit, or refuses without counting anything when one is full. */
export async function take(kind: string, limits: Limit[], now = Date.now()): Promise<Taken | Refused> {
  return attemptsAreShared() ? takeShared(kind, limits, now) : takeInProcess(kind, limits, now);
}

/** Forgets every attempt counted under the key by take(). */
export async function clear(kind: string, key: string): Promise<void> {
  if (!attemptsAreShared()) return void storeOf(kind).delete(key);
  try {
    await clearSharedAttempts(kind, key);
  } catch (err) {
    logger.warn({ err, kind }, 'could not clear attempt counters; they expire with their window');
  }
}

// ---- Shared, in the database ----

/** The longest window seen per kind: rows older than it count for nothing and are deleted. */
const longestWindow = new Map<string, number>();
/** When this process last deleted a kind's old rows. */
const lastPruned = new Map<string, number>();
/** Each instance prunes each kind at most this often; the deletes go through the "at" index. */
const PRUNE_EVERY_MS = 60_000;

class CountersUnavailableError extends DomainError {
  constructor() {
    super('unavailable', 'The server cannot count attempts right now; try again in a moment', { retryAfterSeconds: 1 });
  }
}

async function takeShared(kind: string, limits: Limit[], now: number): Promise<Taken | Refused> {
  let result: Awaited<ReturnType<typeof takeSharedAttempt>>;
  try {
    result = await takeSharedAttempt(kind, limits, now);
  } catch (err) {
    logger.error({ err, kind }, 'could not count an attempt in the database; refusing it');
    throw new CountersUnavailableError();
  }
  await pruneNowAndThen(kind, limits, now);
  if (!result.allowed) return { allowed: false, retryAfterSeconds: retryAfter(result.blockedUntilMs - now) };
  const { ids } = result;
  return {
    allowed: true,
    release: async () => {
      try {
        await releaseSharedAttempts(ids);
      } catch (err) {
        logger.warn({ err, kind }, 'could not release a counted attempt; it expires with its window');
      }
    },
  };
}

async function pruneNowAndThen(kind: string, limits: Limit[], now: number): Promise<void> {
  const longest = Math.max(longestWindow.get(kind) ?? 0, ...limits.map((l) => l.windowMs));
  longestWindow.set(kind, longest);
  if (now - (lastPruned.get(kind) ?? 0) < PRUNE_EVERY_MS) return;
  lastPruned.set(kind, now);
  try {
    await forgetSharedAttemptsBefore(kind, now - longest);
  } catch (err) {
    logger.warn({ err, kind }, 'could not delete old attempt counters; trying again later');
  }
}

// ---- In this process's memory ----

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

/** take() in this process's memory, whatever the engine: for limits each instance may keep on its own. */
export async function takeInProcess(kind: string, limits: Limit[], now = Date.now()): Promise<Taken | Refused> {
  const store = storeOf(kind);
  const buckets = limits.map((l) => recent(store, l.key, l.windowMs, now));
  let wait = 0;
  limits.forEach((l, i) => {
    const bucket = buckets[i];
    // Full: the attempt that must leave the window before another fits is bucket[length - max].
    if (bucket.length >= l.max) wait = Math.max(wait, bucket[bucket.length - l.max] + l.windowMs - now);
  });
  if (wait > 0) return { allowed: false, retryAfterSeconds: retryAfter(wait) };
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
