'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { CheckDto, MonitorDto } from '@/lib/dto';
import type { UptimeReport } from '@/lib/monitoring/uptime';
import type { MonitorDetailData, UptimeSummary } from '@/lib/ui/data';
import {
  checkReason,
  displayStatus,
  formatInterval,
  formatLatency,
  formatPercent,
  monitorTarget,
  UPTIME_WINDOWS,
  type UptimeWindowKey,
} from '@/lib/ui/view-models';
import { api } from '@/components/api-client';
import { usePoll } from '@/components/use-poll';
import { LatencyChart, UptimeBarChart } from '@/components/charts/history-charts';
import { ChecksTable } from '@/components/monitors/checks-table';
import { AlertsList } from '@/components/monitors/alerts-list';
import { DeleteMonitorButton } from '@/components/monitors/delete-dialog';
import { StatusBadge } from '@/components/ui/status-badge';
import { RelativeTime } from '@/components/ui/time';
import { Button, ButtonLink } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { Notice } from '@/components/ui/field';
import { cn } from '@/components/ui/cn';

const REFRESH_MS = 3000;
const PAGE_SIZE = 20;

type ChecksPage = { checks: CheckDto[]; nextCursor: string | null };

export function MonitorDetail({ initial }: { initial: MonitorDetailData }) {
  const router = useRouter();
  const id = initial.monitor.id;
  const [monitor, setMonitor] = useState<MonitorDto>(initial.monitor);
  const [summary, setSummary] = useState<UptimeSummary>(initial.summary);
  const [windowKey, setWindowKey] = useState<UptimeWindowKey>('24h');
  const [report, setReport] = useState<UptimeReport>(initial.report);
  const [reportBusy, setReportBusy] = useState(false);
  const [checks, setChecks] = useState<ChecksPage>(initial.checks);
  // Cursors of the pages shown so far: [undefined] is the newest page.
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const [checksBusy, setChecksBusy] = useState(false);
  const [checksError, setChecksError] = useState<string | null>(null);
  const [alerts, setAlerts] = useState(initial.alerts);
  const [refreshError, setRefreshError] = useState<string | null>(null);
  const [actionBusy, setActionBusy] = useState<null | 'check' | 'pause'>(null);
  const [checkResult, setCheckResult] = useState<CheckDto | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  const hours = UPTIME_WINDOWS.find((w) => w.key === windowKey)!.hours;
  const page = cursors.length - 1;

  async function refresh(signal?: AbortSignal) {
    const base = `/api/monitors/${id}`;
    const [m, d1, d7, d30, win, first, al] = await Promise.all([
      api<{ monitor: MonitorDto }>(base, { signal }),
      api<UptimeReport>(`${base}/uptime?hours=24`, { signal }),
      api<UptimeReport>(`${base}/uptime?hours=168`, { signal }),
      api<UptimeReport>(`${base}/uptime?hours=720`, { signal }),
      api<UptimeReport>(`${base}/uptime?hours=${hours}`, { signal }),
      page === 0 ? api<ChecksPage>(`${base}/checks?limit=${PAGE_SIZE}`, { signal }) : Promise.resolve(null),
      api<{ alerts: MonitorDetailData['alerts'] }>(`${base}/alerts?limit=20`, { signal }),
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
    if (win.ok) setReport(win.data);
    if (first?.ok) setChecks(first.data);
    if (al.ok) setAlerts(al.data.alerts);
  }

  usePoll((signal) => refresh(signal), REFRESH_MS);

  async function chooseWindow(key: UptimeWindowKey) {
    setWindowKey(key);
    setReportBusy(true);
    const h = UPTIME_WINDOWS.find((w) => w.key === key)!.hours;
    const res = await api<UptimeReport>(`/api/monitors/${id}/uptime?hours=${h}`);
    setReportBusy(false);
    if (res.ok) setReport(res.data);
  }

  async function loadChecks(nextCursors: Array<string | undefined>) {
    setChecksBusy(true);
    setChecksError(null);
    const cursor = nextCursors[nextCursors.length - 1];
    const res = await api<ChecksPage>(`/api/monitors/${id}/checks?limit=${PAGE_SIZE}${cursor ? `&before=${encodeURIComponent(cursor)}` : ''}`);
    setChecksBusy(false);
    if (!res.ok) {
      setChecksError(res.error.message);
      return;
    }
    setCursors(nextCursors);
    setChecks(res.data);
  }

  async function checkNow() {
    setActionBusy('check');
    setActionError(null);
    setCheckResult(null);
    const res = await api<{ check: CheckDto }>(`/api/monitors/${id}/check`, { method: 'POST' });
    setActionBusy(null);
    if (!res.ok) {
      setActionError(res.error.message);
      return;
    }
    setCheckResult(res.data.check);
    await refresh();
  }

  async function togglePause() {
    setActionBusy('pause');
    setActionError(null);
    const res = await api<{ monitor: MonitorDto }>(`/api/monitors/${id}`, { method: 'PATCH', body: { active: !monitor.active } });
    setActionBusy(null);
    if (!res.ok) setActionError(res.error.message);
    else setMonitor(res.data.monitor);
  }

  async function remove(): Promise<string | null> {
    const res = await api(`/api/monitors/${id}`, { method: 'DELETE' });
    if (!res.ok) return res.error.message;
    router.push('/');
    router.refresh();
    return null;
  }

  const status = displayStatus(monitor);
  const target = monitorTarget(monitor);

  return (
    <div className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm text-zinc-500 dark:text-zinc-400">
        <Link href="/" className="hover:underline">
          Monitors
        </Link>{' '}
        / <span className="text-zinc-700 dark:text-zinc-300">{monitor.name}</span>
      </nav>

      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="min-w-0 truncate text-xl font-semibold tracking-tight">{monitor.name}</h1>
            <StatusBadge status={status} />
          </div>
          <p className="mt-0.5 truncate font-mono text-sm text-zinc-600 dark:text-zinc-400" title={target}>
            {monitor.type === 'http' ? `${monitor.method} ` : ''}
            {target}
          </p>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400" data-testid="status-since">
            {status === 'PAUSED' ? 'Paused — no checks are running' : status === 'PENDING' ? 'Waiting for the first result' : <>{status === 'UP' ? 'Up' : 'Down'} since <RelativeTime iso={monitor.statusChangedAt} /></>}
            {status === 'DOWN' && monitor.lastError ? <span className="block text-red-700 dark:text-red-400">{monitor.lastError}</span> : null}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button size="sm" variant="primary" onClick={checkNow} disabled={actionBusy !== null}>
            {actionBusy === 'check' ? 'Checking…' : 'Check now'}
          </Button>
          <Button size="sm" onClick={togglePause} disabled={actionBusy !== null}>
            {monitor.active ? 'Pause' : 'Resume'}
          </Button>
          <ButtonLink size="sm" href={`/monitors/${id}/edit`}>
            Edit
          </ButtonLink>
          <DeleteMonitorButton confirmText={monitor.url ?? monitor.name} onDelete={remove} />
        </div>
      </div>

      <div aria-live="polite">
        {checkResult ? (
          <Notice tone={checkResult.status === 'UP' ? 'success' : 'error'}>
            <span data-testid="check-result">
              Check now: <strong>{checkResult.status}</strong>
              {checkResult.statusCode ? ` · HTTP ${checkResult.statusCode}` : ''} · {formatLatency(checkResult.latencyMs)}
              {checkResult.status !== 'UP' ? ` · ${checkReason(checkResult)}` : ''}
            </span>
          </Notice>
        ) : null}
        {actionError ? <Notice>{actionError}</Notice> : null}
        {refreshError ? <Notice tone="info">Could not refresh ({refreshError}); retrying…</Notice> : null}
      </div>

      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-5">
        <Stat label="Uptime 24 h" value={formatPercent(summary.h24)} />
        <Stat label="Uptime 7 days" value={formatPercent(summary.d7)} />
        <Stat label="Uptime 30 days" value={formatPercent(summary.d30)} />
        <Stat label="Last latency" value={formatLatency(monitor.lastLatencyMs)} />
        <Stat
          label="Checked"
          value={<RelativeTime iso={monitor.lastCheckedAt} empty="not yet" />}
          sub={`every ${formatInterval(monitor.intervalSeconds)}, timeout ${monitor.timeoutSeconds} s`}
        />
      </dl>

      <Card aria-labelledby="history-title">
        <CardHeader title="History" id="history-title">
          <div role="group" aria-label="Chart window" className="inline-flex rounded-md border border-zinc-300 p-0.5 dark:border-zinc-700">
            {UPTIME_WINDOWS.map((w) => (
              <button
                key={w.key}
                type="button"
                aria-pressed={w.key === windowKey}
                onClick={() => chooseWindow(w.key)}
                className={cn(
                  'rounded px-2.5 py-1 text-xs font-medium',
                  w.key === windowKey ? 'bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900' : 'text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800',
                )}
              >
                {w.label}
              </button>
            ))}
          </div>
        </CardHeader>
        <div className={cn('grid grid-cols-1 gap-4 p-4 transition-opacity', reportBusy && 'opacity-60')} aria-busy={reportBusy}>
          <p className="text-sm">
            <span className="font-semibold tabular-nums">{formatPercent(report.uptimePercent)}</span>{' '}
            <span className="text-zinc-500 dark:text-zinc-400">
              uptime over {UPTIME_WINDOWS.find((w) => w.key === windowKey)!.label} · {report.totalChecks} checks · avg {formatLatency(report.avgLatencyMs)}
            </span>
          </p>
          <LatencyChart buckets={report.buckets} hours={hours} />
          <UptimeBarChart buckets={report.buckets} hours={hours} />
        </div>
      </Card>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Card aria-labelledby="checks-title">
          <CardHeader title="Recent checks" id="checks-title" />
          <ChecksTable
            checks={checks.checks}
            page={page}
            hasOlder={checks.nextCursor !== null}
            busy={checksBusy}
            error={checksError}
            onOlder={() => checks.nextCursor && loadChecks([...cursors, checks.nextCursor])}
            onNewer={() => loadChecks(cursors.slice(0, -1))}
          />
        </Card>
        <Card aria-labelledby="alerts-title" className="self-start">
          <CardHeader title="Alerts sent" id="alerts-title" />
          <AlertsList alerts={alerts} />
        </Card>
      </div>
    </div>
  );
}

function Stat({ label, value, sub }: { label: string; value: React.ReactNode; sub?: string }) {
  return (
    <div className="rounded-lg border border-zinc-200 bg-white px-3 py-2 dark:border-zinc-800 dark:bg-zinc-900">
      <dt className="text-xs text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="text-base font-semibold tabular-nums">{value}</dd>
      {sub ? <dd className="text-xs text-zinc-500 dark:text-zinc-400">{sub}</dd> : null}
    </div>
  );
}
