'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import type { CheckDto, IncidentDto, MonitorDto } from '@/lib/dto';
import type { UptimeReport } from '@/lib/domain/uptime';
import type { TimingBucket } from '@/lib/domain/timing-medians';
import type { MonitorDetailData, UptimeSummary } from '@/lib/page-data/monitors';
import { UPTIME_WINDOWS, type UptimeWindowKey } from '@/lib/ui/view-models';
import { api } from '@/components/api-client';
import { usePoll } from '@/components/use-poll';

// The monitor page's live state: the first render's data, refreshed every few seconds
// from the same API a script would use.

const REFRESH_MS = 3000;
const PAGE_SIZE = 20;

export type ChecksPage = { checks: CheckDto[]; nextCursor: string | null };
type Timings = { buckets: TimingBucket[] };
const hoursOf = (key: UptimeWindowKey) => UPTIME_WINDOWS.find((w) => w.key === key)!.hours;

export function useMonitorDetail(initial: MonitorDetailData) {
  const router = useRouter();
  const id = initial.monitor.id;
  const base = `/api/monitors/${id}`;
  const [monitor, setMonitor] = useState<MonitorDto>(initial.monitor);
  const [summary, setSummary] = useState<UptimeSummary>(initial.summary);
  const [windowKey, setWindowKey] = useState<UptimeWindowKey>('24h');
  const windowRef = useRef<UptimeWindowKey>('24h');
  const [report, setReport] = useState<UptimeReport>(initial.report);
  const [timings, setTimings] = useState<Timings>(initial.timings);
  const [reportBusy, setReportBusy] = useState(false);
  const [checks, setChecks] = useState<ChecksPage>(initial.checks);
  // Cursors of the pages shown so far: [undefined] is the newest page.
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const [checksBusy, setChecksBusy] = useState(false);
  const [checksError, setChecksError] = useState<string | null>(null);
  const [incidents, setIncidents] = useState<IncidentDto[]>(initial.incidents);
  const [alerts, setAlerts] = useState(initial.alerts);
  const [refreshError, setRefreshError] = useState<string | null>(null);
  const page = cursors.length - 1;
  // Read when a refresh resolves: a poll started on page 1 must not overwrite an older page opened meanwhile.
  const pageRef = useRef(0);

  /** Window-dependent reports; dropped if the window changed while they were loading. */
  async function loadWindow(key: UptimeWindowKey, signal?: AbortSignal) {
    const h = hoursOf(key);
    const [win, tim] = await Promise.all([api<UptimeReport>(`${base}/uptime?hours=${h}`, { signal }), api<Timings>(`${base}/timings?hours=${h}`, { signal })]);
    if (windowRef.current !== key) return;
    if (win.ok) setReport(win.data);
    if (tim.ok) setTimings(tim.data);
  }

  async function refresh(signal?: AbortSignal) {
    const [m, d1, d7, d30, first, inc, al] = await Promise.all([
      api<{ monitor: MonitorDto }>(base, { signal }),
      api<UptimeReport>(`${base}/uptime?hours=24`, { signal }),
      api<UptimeReport>(`${base}/uptime?hours=168`, { signal }),
      api<UptimeReport>(`${base}/uptime?hours=720`, { signal }),
      page === 0 ? api<ChecksPage>(`${base}/checks?limit=${PAGE_SIZE}`, { signal }) : Promise.resolve(null),
      api<{ incidents: IncidentDto[] }>(`${base}/incidents?limit=20`, { signal }),
      api<{ alerts: MonitorDetailData['alerts'] }>(`${base}/alerts?limit=20`, { signal }),
      loadWindow(windowRef.current, signal),
    ]);
    if (!m.ok) {
      if (m.status === 404) {
        router.replace('/');
        return;
      }
      setRefreshError(m.error.message);
      return;
    }
    setRefreshError(null);
    setMonitor(m.data.monitor);
    if (d1.ok && d7.ok && d30.ok) setSummary({ h24: d1.data.uptimePercent, d7: d7.data.uptimePercent, d30: d30.data.uptimePercent });
    if (first?.ok && pageRef.current === 0) setChecks(first.data);
    if (inc.ok) setIncidents(inc.data.incidents);
    if (al.ok) setAlerts(al.data.alerts);
  }

  usePoll((signal) => refresh(signal), REFRESH_MS);

  async function chooseWindow(key: UptimeWindowKey) {
    windowRef.current = key;
    setWindowKey(key);
    setReportBusy(true);
    await loadWindow(key);
    if (windowRef.current === key) setReportBusy(false);
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
    windowKey,
    hours: hoursOf(windowKey),
    report,
    timings,
    reportBusy,
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
