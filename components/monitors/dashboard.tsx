'use client';

import Link from 'next/link';
import { memo, useMemo, useState } from 'react';
import type { MonitorListItemDto } from '@/lib/dto';
import {
  countStatuses,
  formatInterval,
  formatLatency,
  formatPercent,
  toDashboardRow,
  type DashboardRow,
  type DisplayStatus,
} from '@/lib/ui/view-models';
import { api } from '@/components/api-client';
import { usePoll } from '@/components/use-poll';
import { MiniUptimeChart } from '@/components/charts/mini-uptime-chart';
import { StatusBadge, StatusIcon } from '@/components/ui/status-badge';
import { RelativeTime } from '@/components/ui/time';
import { ButtonLink } from '@/components/ui/button';
import { NoChannelNotice } from '@/components/notifications/no-channel-notice';
import { cn } from '@/components/ui/cn';

/** Every few seconds; big lists (a heavier request) refresh a little less often. */
function refreshInterval(monitors: number): number {
  return monitors > 100 ? 6000 : 3000;
}

export function Dashboard({ initialRows }: { initialRows: DashboardRow[] }) {
  const [rows, setRows] = useState(initialRows);
  const [refreshError, setRefreshError] = useState<string | null>(null);

  usePoll(async (signal) => {
    const res = await api<{ monitors: MonitorListItemDto[] }>('/api/monitors', { signal });
    if (!res.ok) {
      setRefreshError(res.error.message);
      return;
    }
    setRefreshError(null);
    setRows(res.data.monitors.map(toDashboardRow));
  }, refreshInterval(rows.length));

  const counts = useMemo(() => countStatuses(rows), [rows]);
  const unalerted = useMemo(() => rows.filter((r) => !r.hasWorkingChannel).length, [rows]);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold tracking-tight">Monitors</h1>
        <ButtonLink href="/monitors/new" variant="primary">
          <span aria-hidden="true">+</span> Add monitor
        </ButtonLink>
      </div>
      {refreshError ? (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-1.5 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
          Could not refresh ({refreshError}). Showing the last known state; retrying…
        </p>
      ) : null}
      {rows.length === 0 ? (
        <EmptyState />
      ) : (
        <>
          <SummaryStrip counts={counts} />
          {unalerted > 0 ? (
            <NoChannelNotice>
              {unalerted === 1 ? '1 monitor has' : `${unalerted} monitors have`} no working notification channel: nobody will be told when{' '}
              {unalerted === 1 ? 'it goes' : 'they go'} down.
            </NoChannelNotice>
          ) : null}
          <ul aria-label="Monitors" className="divide-y divide-zinc-200 overflow-hidden rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
            {rows.map((row) => (
              <MonitorRow key={row.id} row={row} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function SummaryStrip({ counts }: { counts: ReturnType<typeof countStatuses> }) {
  const items: Array<{ label: string; value: number; status: DisplayStatus; tone: string }> = [
    { label: 'Up', value: counts.up, status: 'UP', tone: 'text-green-700 dark:text-green-400' },
    { label: 'Down', value: counts.down, status: 'DOWN', tone: 'text-red-700 dark:text-red-400' },
    { label: 'Paused', value: counts.paused, status: 'PAUSED', tone: 'text-amber-700 dark:text-amber-400' },
    { label: 'Pending', value: counts.pending, status: 'PENDING', tone: 'text-zinc-500 dark:text-zinc-400' },
    // Only when there are some: a target the outbound policy refuses is rare and worth seeing.
    ...(counts.blocked > 0 ? [{ label: 'Blocked', value: counts.blocked, status: 'BLOCKED' as const, tone: 'text-zinc-700 dark:text-zinc-300' }] : []),
  ];
  return (
    <dl aria-label="Summary" data-testid="summary" className="grid grid-cols-2 gap-2 sm:grid-cols-4">
      {items.map((i) => (
        <div key={i.label} data-summary={i.status} className="flex items-center justify-between rounded-lg border border-zinc-200 bg-white px-3 py-2 dark:border-zinc-800 dark:bg-zinc-900">
          <dt className={cn('flex items-center gap-1.5 text-sm font-medium', i.tone)}>
            <StatusIcon status={i.status} />
            {i.label}
          </dt>
          <dd className="text-lg font-semibold tabular-nums">{i.value}</dd>
        </div>
      ))}
    </dl>
  );
}

const MonitorRow = memo(function MonitorRow({ row }: { row: DashboardRow }) {
  return (
    <li data-monitor-id={row.id} data-status={row.status} className="relative grid [contain-intrinsic-size:auto_72px] [content-visibility:auto] grid-cols-[minmax(0,1fr)_auto] items-center gap-x-4 gap-y-2 px-4 py-3 hover:bg-zinc-50 md:grid-cols-[6.5rem_minmax(0,1fr)_auto_5.5rem_5.5rem_8rem] dark:hover:bg-zinc-800/40">
      <div className="order-2 md:order-none">
        <StatusBadge status={row.status} />
      </div>
      <div className="order-1 min-w-0 md:order-none">
        <Link href={`/monitors/${row.id}`} className="block truncate font-medium after:absolute after:inset-0 after:content-[''] hover:underline">
          {row.name}
        </Link>
        <p className="truncate font-mono text-xs text-zinc-500 dark:text-zinc-400" title={row.target}>
          {row.target}
        </p>
      </div>
      <div className="relative z-10 order-3 col-span-2 w-fit md:order-none md:col-span-1">
        <MiniUptimeChart points={row.recent} />
      </div>
      <Stat className="order-4 md:order-none" label="Uptime 24 h" value={formatPercent(row.uptime24h)} />
      <Stat className="order-5 md:order-none" label="Latency" value={formatLatency(row.lastLatencyMs)} />
      <div className="relative z-10 order-6 col-span-2 text-xs text-zinc-500 md:order-none md:col-span-1 md:text-right dark:text-zinc-400">
        <RelativeTime iso={row.lastCheckedAt} prefix="checked " empty="not checked yet" />
        <span className="block">every {formatInterval(row.intervalSeconds)}</span>
      </div>
    </li>
  );
});

function Stat({ label, value, className }: { label: string; value: React.ReactNode; className?: string }) {
  return (
    <div className={cn('text-sm md:text-right', className)}>
      <span className="text-xs text-zinc-500 dark:text-zinc-400">{label} </span>
      <span className="font-medium tabular-nums md:block">{value}</span>
    </div>
  );
}

function EmptyState() {
  return (
    <div className="rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-14 text-center dark:border-zinc-700 dark:bg-zinc-900">
      <svg viewBox="0 0 24 24" className="mx-auto mb-3 size-10 text-zinc-400" aria-hidden="true">
        <path d="M2 12h4l3-7 4 14 3-7h6" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <h2 className="text-base font-semibold">No monitors yet</h2>
      <p className="mx-auto mt-1 max-w-sm text-sm text-zinc-600 dark:text-zinc-400">
        Add the address of a site or API and Pingboard starts checking it within seconds.
      </p>
      <ButtonLink href="/monitors/new" variant="primary" className="mt-5">
        Add your first monitor
      </ButtonLink>
    </div>
  );
}
