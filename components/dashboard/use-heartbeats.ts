'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { HeartbeatDto } from '@/lib/dto/dashboard';
import { chunks } from '@/lib/ui/dashboard-list';
import { MAX_BEATS } from '@/components/charts/heartbeat-bar';
import { fetchHeartbeats, HEARTBEAT_BATCH } from '@/components/dashboard/dashboard-api';

// The heartbeat bars' data, fetched only for the rows on screen: rows that scroll into view are
// gathered for a moment and asked for together (up to 200 per request), kept per monitor, and
// asked for again when the feed says the monitor changed (at once if it is on screen, else
// when it next comes into view). A bounded cache, so scrolling through 10,000 rows stays small.

const GATHER_MS = 40;
const RETRY_MS = 5000;
const CACHE_LIMIT = 2000;

interface Entry {
  beats: HeartbeatDto[];
  stale: boolean;
}

export interface Heartbeats {
  /** The cached checks of a monitor, oldest first; undefined until they arrive. */
  get: (id: string) => HeartbeatDto[] | undefined;
  /** Which monitors are on screen now; fetches those it lacks. */
  show: (ids: readonly string[]) => void;
  /** The feed reports these monitors changed. */
  changed: (ids: readonly string[]) => void;
  /** Bumps when new checks arrived, so the list re-renders. */
  version: number;
}

export function useHeartbeats(): Heartbeats {
  const cache = useRef(new Map<string, Entry>());
  const inflight = useRef(new Set<string>());
  /** Changed while their request was in flight: ask again when it lands. */
  const again = useRef(new Set<string>());
  const queue = useRef(new Set<string>());
  const visible = useRef<readonly string[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [version, setVersion] = useState(0);
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      if (timer.current) clearTimeout(timer.current);
    };
  }, []);

  const enqueue = useCallback((ids: readonly string[], force: boolean) => {
    for (const id of ids) {
      if (inflight.current.has(id)) {
        if (force) again.current.add(id);
        continue;
      }
      const e = cache.current.get(id);
      if (force || !e || e.stale) queue.current.add(id);
    }
    if (queue.current.size && !timer.current) timer.current = setTimeout(() => void flush(), GATHER_MS);
    // flush is declared below and stable; the timer only runs after this call returns.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const evict = useCallback(() => {
    const extra = cache.current.size - CACHE_LIMIT;
    if (extra <= 0) return;
    const keep = new Set(visible.current);
    let dropped = 0;
    for (const id of cache.current.keys()) {
      if (dropped >= extra) break;
      if (keep.has(id)) continue;
      cache.current.delete(id);
      dropped++;
    }
  }, []);

  const flush = useCallback(async () => {
    timer.current = null;
    const ids = [...queue.current];
    queue.current.clear();
    for (const batch of chunks(ids, HEARTBEAT_BATCH)) {
      for (const id of batch) inflight.current.add(id);
      const res = await fetchHeartbeats(batch, MAX_BEATS).catch(() => null);
      for (const id of batch) inflight.current.delete(id);
      if (!alive.current) return;
      if (!res?.ok) {
        // Try the rows still on screen again a little later.
        setTimeout(() => alive.current && enqueue(visible.current, false), RETRY_MS);
        continue;
      }
      for (const [id, beats] of Object.entries(res.data.heartbeats)) {
        cache.current.delete(id); // re-inserted last: the newest stay when the cache is trimmed
        cache.current.set(id, { beats, stale: false });
      }
      evict();
      setVersion((v) => v + 1);
      const redo = batch.filter((id) => again.current.delete(id));
      if (redo.length) enqueue(redo, true);
    }
  }, [enqueue, evict]);

  const show = useCallback(
    (ids: readonly string[]) => {
      visible.current = ids;
      enqueue(ids, false);
    },
    [enqueue],
  );

  const changed = useCallback(
    (ids: readonly string[]) => {
      const onScreen = new Set(visible.current);
      const now: string[] = [];
      for (const id of ids) {
        const e = cache.current.get(id);
        if (e) e.stale = true;
        if (onScreen.has(id)) now.push(id);
      }
      if (now.length) enqueue(now, true);
    },
    [enqueue],
  );

  const get = useCallback((id: string) => cache.current.get(id)?.beats, []);
  return { get, show, changed, version };
}
