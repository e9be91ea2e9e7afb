'use client';

import { useCallback, useRef, useState } from 'react';
import type { DashboardRowDto } from '@/lib/dto/dashboard';
import { toDashboardRow, type DashboardRow } from '@/lib/ui/view-models';
import { byName } from '@/lib/ui/dashboard-view';
import { mergeRows } from '@/lib/ui/dashboard-list';
import { usePoll } from '@/components/use-poll';
import { fetchFeed, type Connectivity } from '@/components/dashboard/dashboard-api';

// The monitor list, kept live without downloading it again: every 3 s (not while the tab is
// hidden) it asks only for the rows that changed since its cursor and merges them by id. When
// the merged count differs from the server's total, a monitor was deleted somewhere: it reloads
// the whole list once.

const POLL_MS = 3000;

export interface InitialFeed {
  monitors: DashboardRowDto[];
  cursor: number;
  total: number;
  connectivity?: Connectivity;
}

const ONLINE: Connectivity = { state: 'online', offlineSince: null };

export interface DashboardFeedState {
  /** Every monitor, in name order. */
  rows: DashboardRow[];
  /** Whether Pingboard itself can reach the network, as of the last answer. */
  connectivity: Connectivity;
  error: string | null;
  /** Asks now (after an action) instead of at the next tick; `full` reloads the whole list. */
  refresh: (full?: boolean) => Promise<void>;
  /** Changes rows here at once, before the server's answer confirms it (tags, which the delta does not carry). */
  patchRows: (ids: ReadonlySet<string> | null, patch: (row: DashboardRow) => DashboardRow) => void;
}

export function useDashboardFeed(initial: InitialFeed, onChanged: (ids: string[]) => void): DashboardFeedState {
  const [rows, setRows] = useState(() => byName(initial.monitors.map(toDashboardRow)));
  const [connectivity, setConnectivity] = useState<Connectivity>(initial.connectivity ?? ONLINE);
  const [error, setError] = useState<string | null>(null);
  const cursor = useRef<number | null>(initial.cursor);
  // The latest rows for merging, set wherever rows are set (a poll must not merge into a stale list).
  const rowsRef = useRef(rows);

  const load = useCallback(
    async (full: boolean, signal?: AbortSignal) => {
      const since = full ? null : cursor.current;
      const res = await fetchFeed(since, signal);
      if (!res.ok) {
        setError(res.error.message);
        return;
      }
      setError(null);
      setConnectivity((cur) => sameConnectivity(cur, res.data.connectivity ?? ONLINE) ? cur : (res.data.connectivity ?? ONLINE));
      const changed = res.data.monitors.map(toDashboardRow);
      const next = res.data.partial ? mergeRows(rowsRef.current, changed) : byName(changed);
      if (res.data.partial && next.length !== res.data.total) {
        // Something was deleted (or the merge missed a row): the whole list, once.
        await load(true, signal);
        return;
      }
      cursor.current = res.data.cursor;
      rowsRef.current = next;
      setRows(next);
      if (changed.length) onChanged(changed.map((r) => r.id));
    },
    [onChanged],
  );

  usePoll((signal) => load(false, signal), POLL_MS);

  const refresh = useCallback((full = false) => load(full), [load]);
  const patchRows = useCallback((ids: ReadonlySet<string> | null, patch: (row: DashboardRow) => DashboardRow) => {
    setRows((current) => {
      const next = current.map((r) => (ids === null || ids.has(r.id) ? patch(r) : r));
      rowsRef.current = next;
      return next;
    });
  }, []);

  return { rows, connectivity, error, refresh, patchRows };
}

const sameConnectivity = (a: Connectivity, b: Connectivity) => a.state === b.state && a.offlineSince === b.offlineSince;
