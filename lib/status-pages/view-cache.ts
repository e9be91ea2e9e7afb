// Public status views and custom-domain lookups, kept for a few seconds so a busy public page
// costs one computation per interval rather than one per visitor. Kept on globalThis: Next
// loads a module once per bundle, and the instance's signal handler (instrumentation bundle)
// must clear the same cache the route handlers fill.

interface Entry<T> {
  value: Promise<T>;
  expiresAt: number;
}

interface Caches {
  views: Map<string, Entry<unknown>>;
  /** Bumped by every change signal: a computation started before it is not stored. */
  generation: number;
}

const KEY = Symbol.for('pingboard.publicStatusCache');
const MAX_ENTRIES = 1000;

function caches(): Caches {
  const g = globalThis as unknown as Record<symbol, Caches | undefined>;
  return (g[KEY] ??= { views: new Map(), generation: 0 });
}

/** The cached value under `key`, or `compute()` stored for `ttlMs`. Failures are not kept. */
export function cached<T>(key: string, ttlMs: number, compute: () => Promise<T>, now = Date.now()): Promise<T> {
  const c = caches();
  const hit = c.views.get(key) as Entry<T> | undefined;
  if (hit && hit.expiresAt > now) return hit.value;
  const generation = c.generation;
  const value = compute();
  if (c.views.size >= MAX_ENTRIES) c.views.delete(c.views.keys().next().value as string);
  const entry: Entry<T> = { value, expiresAt: now + ttlMs };
  c.views.set(key, entry);
  const drop = () => {
    if (c.views.get(key) === entry) c.views.delete(key);
  };
  value.then(() => {
    if (c.generation !== generation) drop();
  }, drop);
  return value;
}

/** A status page (or a maintenance window, or a monitor on a page) changed: forget everything. */
export function forgetPublicStatus(_what?: string): void {
  const c = caches();
  c.generation++;
  c.views.clear();
}
