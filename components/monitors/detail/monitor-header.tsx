'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { CheckDto, MonitorDto } from '@/lib/dto';
import type { RelatedMonitor } from '@/lib/page-data/monitors';
import { checkReason, displayStatus, failureText, formatInterval, formatLatency, notTheTarget } from '@/lib/ui/view-models';
import { phaseLabel, phaseSentence } from '@/lib/ui/monitor-status';
import { monitorKind } from '@/lib/monitor-kinds';
import { api } from '@/components/api-client';
import { DeleteMonitorButton } from '@/components/monitors/delete-dialog';
import { PhaseBadge, StatusBadge } from '@/components/ui/status-badge';
import { LocalTime, RelativeTime } from '@/components/ui/time';
import { Button, ButtonLink } from '@/components/ui/button';
import { Notice } from '@/components/ui/field';

/** "GET https://…", "db.internal:5432", or "Heartbeat every 5 min, 60 s grace". */
function targetLine(m: MonitorDto): string {
  return monitorKind(m.type).ui.headline(m, formatInterval(m.intervalSeconds));
}

const STATUS_WORDS = { UP: 'Up', DEGRADED: 'Degraded', DOWN: 'Down', BLOCKED: 'Blocked', MAINTENANCE: 'In maintenance' } as const;

/** Name, status, target and the actions (check now, pause, edit, delete) with their results. */
export function MonitorHeader({
  monitor,
  parent,
  onMonitor,
  refresh,
}: {
  monitor: MonitorDto;
  /** The monitor this one depends on, when it has one. */
  parent: RelatedMonitor | null;
  onMonitor: (m: MonitorDto) => void;
  refresh: () => Promise<void>;
}) {
  const router = useRouter();
  const id = monitor.id;
  const [busy, setBusy] = useState<null | 'check' | 'pause'>(null);
  const [checkResult, setCheckResult] = useState<CheckDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const status = displayStatus(monitor);
  const target = targetLine(monitor);
  const reason = failureText(monitor.lastCause, monitor.lastError);
  const phase = phaseLabel(monitor);
  const suppressed = notTheTarget(monitor.lastCause) && status !== 'DOWN' && status !== 'PAUSED';

  async function checkNow() {
    setBusy('check');
    setError(null);
    setCheckResult(null);
    const res = await api<{ check: CheckDto }>(`/api/monitors/${id}/check`, { method: 'POST' });
    setBusy(null);
    if (!res.ok) return setError(res.error.message);
    setCheckResult(res.data.check);
    await refresh();
  }

  async function togglePause() {
    setBusy('pause');
    setError(null);
    const res = await api<{ monitor: MonitorDto }>(`/api/monitors/${id}`, { method: 'PATCH', body: { active: !monitor.active } });
    setBusy(null);
    if (!res.ok) setError(res.error.message);
    else onMonitor(res.data.monitor);
  }

  async function remove(): Promise<string | null> {
    const res = await api(`/api/monitors/${id}`, { method: 'DELETE' });
    if (!res.ok) return res.error.message;
    router.push('/');
    router.refresh();
    return null;
  }

  return (
    <>
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
            {monitor.phase && phase ? <PhaseBadge phase={monitor.phase} label={phase} /> : <StatusBadge status={status} />}
          </div>
          <p className="mt-0.5 truncate font-mono text-sm text-zinc-600 dark:text-zinc-400" title={target} data-testid="target">
            {target}
          </p>
          {parent ? (
            <p className="mt-1 flex flex-wrap items-center gap-1.5 text-sm text-zinc-600 dark:text-zinc-400" data-testid="depends-on">
              Depends on
              <Link href={`/monitors/${parent.id}`} className="font-medium text-zinc-900 underline underline-offset-2 hover:no-underline dark:text-zinc-100">
                {parent.name}
              </Link>
              <StatusBadge status={parent.status} />
            </p>
          ) : null}
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400" data-testid="status-since">
            {monitor.phase === 'retrying' ? (
              <span data-testid="retrying">
                The last check failed{reason ? ` (${reason})` : ''}; {phaseSentence(monitor)}.
              </span>
            ) : status === 'PAUSED' ? (
              'Paused — no checks are running'
            ) : status === 'PENDING' ? (
              'Waiting for the first result'
            ) : status === 'MAINTENANCE' && monitor.maintenance ? (
              <>
                In maintenance ({monitor.maintenance.title}) until <LocalTime iso={monitor.maintenance.end} />: checks run, failures alert nobody
              </>
            ) : (
              <>
                {STATUS_WORDS[status]} since <RelativeTime iso={monitor.statusChangedAt} />
                {monitor.phase === 'recovering' ? <span data-testid="recovering">; {phaseSentence(monitor)}</span> : null}
              </>
            )}
            {status === 'DEGRADED' ? (
              <span className="block text-amber-800 dark:text-amber-300" data-testid="degraded-reason">
                {monitor.degradedReason ?? 'Slower than its thresholds'}. It counts as up; alerts say when it is back to normal.
              </span>
            ) : null}
            {suppressed ? (
              <span className="block text-zinc-700 dark:text-zinc-300" data-testid="suppressed-reason">
                {reason}. Not counted against this monitor, and nobody is alerted.
              </span>
            ) : null}
            {status === 'DOWN' && reason ? (
              <span className="block text-red-700 dark:text-red-400" data-testid="down-reason">
                {reason}
              </span>
            ) : null}
            {status === 'BLOCKED' ? (
              <span className="block text-violet-700 dark:text-violet-300" data-testid="blocked-reason">
                {reason ?? 'Blocked target'}. This server&apos;s outbound policy refuses the target: no request reaches it, and no alert is sent.
              </span>
            ) : null}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button size="sm" variant="primary" onClick={checkNow} disabled={busy !== null}>
            {busy === 'check' ? 'Checking…' : 'Check now'}
          </Button>
          <Button size="sm" onClick={togglePause} disabled={busy !== null}>
            {monitor.active ? 'Pause' : 'Resume'}
          </Button>
          <ButtonLink size="sm" href={`/monitors/${id}/edit`}>
            Edit
          </ButtonLink>
          <ButtonLink size="sm" href={`/monitors/new?from=${encodeURIComponent(id)}`} title="A new monitor with a copy of these settings">
            Clone
          </ButtonLink>
          <DeleteMonitorButton confirmText={monitor.url ?? monitor.name} onDelete={remove} />
        </div>
      </div>
      <div aria-live="polite">
        {checkResult ? (
          <Notice tone={checkResult.status === 'UP' ? 'success' : checkResult.status === 'BLOCKED' ? 'info' : 'error'}>
            <span data-testid="check-result">
              Check now: <strong>{checkResult.status}</strong>
              {checkResult.statusCode ? ` · HTTP ${checkResult.statusCode}` : ''} · {formatLatency(checkResult.latencyMs)}
              {checkResult.status !== 'UP' ? ` · ${checkReason(checkResult)}` : ''}
            </span>
          </Notice>
        ) : null}
        {error ? <Notice>{error}</Notice> : null}
      </div>
    </>
  );
}
