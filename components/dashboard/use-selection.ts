'use client';

import { useCallback, useMemo, useRef, useState } from 'react';
import { rangeIds, setMany } from '@/lib/ui/dashboard-list';

// Which monitors are selected. A plain click flips one; shift-click sets the whole range from
// the last clicked row to this one (in the order shown) to this one's new state. Only the
// selected rows the current view shows count: actions never reach a row the user cannot see.

export interface Selection {
  /** The selected ids among the shown ones, in list order. */
  ids: string[];
  has: (id: string) => boolean;
  toggle: (id: string, range: boolean) => void;
  setAll: (ids: readonly string[], on: boolean) => void;
  clear: () => void;
}

export function useSelection(shownIds: readonly string[]): Selection {
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const anchor = useRef<string | null>(null);

  const ids = useMemo(() => (selected.size ? shownIds.filter((id) => selected.has(id)) : []), [selected, shownIds]);
  const has = useCallback((id: string) => selected.has(id), [selected]);

  const toggle = useCallback(
    (id: string, range: boolean) => {
      setSelected((cur) => {
        const on = !cur.has(id);
        const span = range ? rangeIds(shownIds, anchor.current, id) : [id];
        return setMany(cur, span.length ? span : [id], on);
      });
      anchor.current = id;
    },
    [shownIds],
  );
  const setAll = useCallback((list: readonly string[], on: boolean) => setSelected((cur) => setMany(cur, list, on)), []);
  const clear = useCallback(() => {
    anchor.current = null;
    setSelected(new Set());
  }, []);

  return { ids, has, toggle, setAll, clear };
}
