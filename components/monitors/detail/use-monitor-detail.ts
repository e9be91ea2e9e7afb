'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import type { CheckDto } from '@/lib/dto';
import type { MonitorDetailData } from '@/lib/page-data/monitors';
import type { MonitorOverview } from '@/lib/services/monitor-overview';
import { HOUR_MS } from '@/lib/shared/time';
import type { UptimeWindowKey } from '@/lib/ui/view-models';
import { drawsEachCheck, extendSeries, SERIES_LIMIT, seriesFrom, windowHours, type CheckPoint } from '@/lib/ui/history-window';
import { api } from '@/components/api-client';
import { usePoll } from '@/components/use-poll';

// The monitor page's live state: the first render's data, refreshed every few seconds with
// ONE request, GET /api/monitors/:id/overview?hours=N, the same answer the page started from.
// Other requests happen only on a person's action (another window, another page of checks)
// or when the latency chart's per-check series has a gap one answer cannot fill.

const REFRESH_MS = 3000;
const PAGE_SIZE = 20;

export type ChecksPage = { checks: CheckDto[]; nextCursor: string | null };

/** What the charts draw, all for one window, replaced together so they never disagree. */
export interface WindowView {
  key: UptimeWindowKey;
  report: MonitorOverview['report'];
  timings: MonitorOverview['timings'];
  /** One point per check, oldest first; null when the window draws averages per interval. */
  series: CheckPoint[] | null;
}

/** The window's start as the server computed it, so the browser's clock does not matter. */
const windowStart = (o: Pick<MonitorOverview, 'report' | 'hours'>) => {
  const first = o.report.buckets[0];
  return first ? new Date(first.start).getTime() : Date.now() - o.hours * HOUR_MS;
};

export function useMonitorDetail(initial: MonitorDetailData) {
  const router = useRouter();
  const id = initial.monitor.id;
  const base = `/api/monitors/${id}`;
  const [monitor, setMonitor] = useState(initial.monitor);
  const [summary, setSummary] = useState(initial.summary);
  const [windowKey, setWindowKey] = useState<UptimeWindowKey>(initial.windowKey);
  const windowRef = useRef<UptimeWindowKey>(initial.windowKey);
  const firstView: WindowView = { key: initial.windowKey, report: initial.report, timings: initial.timings, series: initial.series };
  const [view, setView] = useState<WindowView>(firstView);
  const viewRef = useRef<WindowView>(firstView);
  const [checks, setChecks] = useState<ChecksPage>(initial.checks);
  // Cursors of the pages shown so far: [undefined] is the newest page.
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const [checksBusy, setChecksBusy] = useState(false);
  const [checksError, setChecksError] = useState<string | null>(null);
  const [incidents, setIncidents] = useState(initial.incidents);
  const [alerts, setAlerts] = useState(initial.alerts);
  const [refreshError, setRefreshError] = useState<string | null>(null);
  const page = cursors.length - 1;
  // Read when a refresh resolves: a refresh started on page 1 must not overwrite an older page opened meanwhile.
  const pageRef = useRef(0);

  function showView(next: WindowView) {
    viewRef.current = next;
    setView(next);
  }

  /** The per-check series for `o`'s window: extended from the last one, or fetched once when it cannot be. */
  async function seriesFor(key: UptimeWindowKey, o: MonitorOverview, signal?: AbortSignal): Promise<CheckPoint[] | null> {
    if (!drawsEachCheck(key, o.report.totalChecks)) return null;
    const from = windowStart(o);
    const prev = viewRef.current.key === key ? viewRef.current.series : null;
    const extended = prev ? extendSeries(prev, o.checks.checks, from) : null;
    if (extended) return extended;
    // The newest page holds the whole window when the window has no more checks than it.
    if (o.checks.nextCursor === null || o.report.totalChecks <= o.checks.checks.length) return seriesFrom(o.checks.checks, from);
    const res = await api<ChecksPage>(`${base}/checks?limit=${SERIES_LIMIT}`, { signal });
    return res.ok ? seriesFrom(res.data.checks, from) : prev;
  }

  /** One overview request for the chosen window; everything on the page comes from its answer. */
  async function refresh(signal?: AbortSignal) {
    const key = windowRef.current;
    const res = await api<MonitorOverview>(`${base}/overview?hours=${windowHours(key)}`, { signal });
    if (!res.ok) {
      if (res.status === 404) {
        router.replace('/');
        return;
      }
      setRefreshError(res.error.message);
      return;
    }
    const o = res.data;
    setRefreshError(null);
    setMonitor(o.monitor);
    setSummary(o.summary);
    setIncidents(o.incidents);
    setAlerts(o.alerts);
    if (pageRef.current === 0) setChecks(o.checks);
    // A window chosen while this answer was on its way has its own request.
    if (windowRef.current !== key) return;
    const series = await seriesFor(key, o, signal);
    if (windowRef.current === key) showView({ key, report: o.report, timings: o.timings, series });
  }

  usePoll((signal) => refresh(signal), REFRESH_MS);

  async function chooseWindow(key: UptimeWindowKey) {
    windowRef.current = key;
    setWindowKey(key);
    await refresh();
  }

  async function loadChecks(nextCursors: Array<string | undefined>) {
    setChecksBusy(true);
    setChecksError(null);
    const cursor = nextCursors[nextCursors.length - 1];
    const res = await api<ChecksPage>(`${base}/checks?limit=${PAGE_SIZE}${cursor ? `&before=${encodeURIComponent(cursor)}` : ''}`);
    setChecksBusy(false);
    if (!res.ok) {
      setChecksError(res.error.message);
      return;
    }
    pageRef.current = nextCursors.length - 1;
    setCursors(nextCursors);
    setChecks(res.data);
  }

  return {
    id,
    monitor,
    setMonitor,
    summary,
    /** The window chosen (the control), and the one the charts show until its data arrives. */
    windowKey,
    view,
    reportBusy: view.key !== windowKey,
    chooseWindow,
    checks,
    page,
    checksBusy,
    checksError,
    olderChecks: () => checks.nextCursor && loadChecks([...cursors, checks.nextCursor]),
    newerChecks: () => loadChecks(cursors.slice(0, -1)),
    incidents,
    alerts,
    refreshError,
    refresh,
  };
}
