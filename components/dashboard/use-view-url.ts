'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { parseView, viewToSearch, type DashboardView } from '@/lib/ui/dashboard-view';

// The view lives in React state (so typing never waits on the router) and is written to the
// URL with the history API, which Next's router follows without asking the server for the page
// again. Discrete choices push an entry, so Back undoes them; typing replaces the entry it
// started, so Back does not step through every letter. Back and Forward read the URL again.

export type HistoryMode = 'push' | 'replace';

export function useViewUrl(initialSearch: string): [DashboardView, (next: DashboardView | ((v: DashboardView) => DashboardView), mode?: HistoryMode) => void] {
  const [view, setViewState] = useState(() => parseView(initialSearch));
  const current = useRef(view);

  useEffect(() => {
    const onPop = () => {
      const next = parseView(window.location.search);
      current.current = next;
      setViewState(next);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const setView = useCallback((next: DashboardView | ((v: DashboardView) => DashboardView), mode: HistoryMode = 'push') => {
    const value = typeof next === 'function' ? next(current.current) : next;
    current.current = value;
    setViewState(value);
    const search = viewToSearch(value);
    const url = `${window.location.pathname}${search ? `?${search}` : ''}`;
    if (url === `${window.location.pathname}${window.location.search}`) return;
    if (mode === 'push') window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  }, []);

  return [view, setView];
}
