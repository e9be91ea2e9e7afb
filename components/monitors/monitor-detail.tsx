'use client';

import type { ReactNode } from 'react';
import type { MonitorDetailData } from '@/lib/page-data/monitors';
import { monitorKind } from '@/lib/monitor-kinds';
import { formatInterval, formatLatency, formatPercent } from '@/lib/ui/view-models';
import { windowHours, windowLabel } from '@/lib/ui/history-window';
import { responseTimeLabel } from '@/lib/ui/monitor-status';
import { LatencyChart, UptimeBarChart } from '@/components/charts/history-charts';
import { TimingBreakdownChart } from '@/components/charts/timing-breakdown-chart';
import { ChecksTable } from '@/components/monitors/checks-table';
import { AlertsList } from '@/components/monitors/alerts-list';
import { IncidentsList } from '@/components/monitors/incidents-list';
import { HeartbeatPanel } from '@/components/monitors/heartbeat-panel';
import { CertificatePanel } from '@/components/monitors/certificate-panel';
import { MonitorHeader } from '@/components/monitors/detail/monitor-header';
import { AlertChannels } from '@/components/monitors/detail/alert-channels';
import { DependentsList } from '@/components/monitors/detail/dependents-list';
import { NoChannelNotice } from '@/components/notifications/no-channel-notice';
import { WindowControl } from '@/components/monitors/detail/window-control';
import { useMonitorDetail } from '@/components/monitors/detail/use-monitor-detail';
import { RelativeTime } from '@/components/ui/time';
import { Card, CardHeader } from '@/components/ui/card';
import { Notice } from '@/components/ui/field';
import { cn } from '@/components/ui/cn';

export function MonitorDetail({ initial }: { initial: MonitorDetailData }) {
  const d = useMonitorDetail(initial);
  const { monitor, view } = d;
  const report = view.report;
  const hours = windowHours(view.key);
  const kind = monitorKind(monitor.type);
  const probed = kind.probed;
  const https = kind.ui.showsCertificate(monitor);
  const channelNames = Object.fromEntries(initial.channels.map((c) => [c.id, c.name]));

  return (
    <div className="space-y-4">
      <MonitorHeader monitor={monitor} parent={initial.relations.parent} onMonitor={d.setMonitor} refresh={() => d.refresh()} />
      {d.refreshError ? <Notice tone="info">Could not refresh ({d.refreshError}); retrying…</Notice> : null}
      {monitor.hasWorkingChannel ? null : (
        <NoChannelNotice>Nobody will be told when this monitor goes down: it has no working notification channel.</NoChannelNotice>
      )}
      {monitor.hostWaitMs > 0 ? (
        <Notice tone="info">
          Checks of this monitor wait their turn under this server&apos;s limit of checks per second to one host; the last one started{' '}
          {formatLatency(monitor.hostWaitMs)} late.
        </Notice>
      ) : null}

      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-5">
        <Stat label="Uptime 24 h" value={formatPercent(d.summary.h24)} />
        <Stat label="Uptime 7 days" value={formatPercent(d.summary.d7)} />
        <Stat label="Uptime 30 days" value={formatPercent(d.summary.d30)} />
        <Stat label="Response time" value={responseTimeLabel(monitor)} sub={probed ? undefined : 'push monitors have none'} />
        {probed ? (
          <Stat label="Checked" value={<RelativeTime iso={monitor.lastCheckedAt} empty="not yet" />} sub={`every ${formatInterval(monitor.intervalSeconds)}, timeout ${monitor.timeoutSeconds} s`} />
        ) : (
          <Stat label="Last ping" value={<RelativeTime iso={monitor.lastHeartbeatAt} empty="never" />} sub={`expects a ping every ${formatInterval(monitor.intervalSeconds)}`} />
        )}
      </dl>

      {kind.needsPushToken ? (
        <Card aria-labelledby="heartbeat-title">
          <CardHeader title="Heartbeat" id="heartbeat-title" />
          <HeartbeatPanel monitor={monitor} />
        </Card>
      ) : null}

      <Card aria-labelledby="history-title">
        <CardHeader title="History" id="history-title">
          <WindowControl value={d.windowKey} onChange={d.chooseWindow} />
        </CardHeader>
        <div className={cn('grid grid-cols-1 gap-4 p-4 transition-opacity', d.reportBusy && 'opacity-60')} aria-busy={d.reportBusy} data-window={view.key}>
          <p className="text-sm">
            <span className="font-semibold tabular-nums">{formatPercent(report.uptimePercent)}</span>{' '}
            <span className="text-zinc-500 dark:text-zinc-400">
              uptime over {windowLabel(view.key)} · {report.totalChecks} {report.totalChecks === 1 ? 'check' : 'checks'} · avg {formatLatency(report.avgLatencyMs)}
            </span>
          </p>
          {probed ? <LatencyChart buckets={report.buckets} series={view.series} hours={hours} /> : null}
          <UptimeBarChart buckets={report.buckets} hours={hours} />
          {probed ? <TimingBreakdownChart buckets={view.timings.buckets} hours={hours} /> : null}
        </div>
      </Card>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Card aria-labelledby="checks-title" className="self-start">
          <CardHeader title="Recent checks" id="checks-title" />
          <ChecksTable
            checks={d.checks.checks}
            page={d.page}
            hasOlder={d.checks.nextCursor !== null}
            busy={d.checksBusy}
            error={d.checksError}
            onOlder={d.olderChecks}
            onNewer={d.newerChecks}
          />
        </Card>
        <div className="space-y-4">
          <SideCard id="incidents-title" title="Incidents">
            <IncidentsList incidents={d.incidents} />
          </SideCard>
          {initial.relations.children.length > 0 ? (
            <SideCard id="dependents-title" title="Monitors that depend on this one">
              <DependentsList monitors={initial.relations.children} />
            </SideCard>
          ) : null}
          {https ? (
            <SideCard id="certificate-title" title="TLS certificate">
              <CertificatePanel monitor={monitor} />
            </SideCard>
          ) : null}
          <SideCard id="alerts-title" title="Alerts sent">
            <AlertChannels monitor={monitor} channels={initial.channels} />
            <AlertsList alerts={d.alerts} channelNames={channelNames} />
          </SideCard>
        </div>
      </div>
    </div>
  );
}

function SideCard({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card aria-labelledby={id}>
      <CardHeader title={title} id={id} />
      {children}
    </Card>
  );
}

function Stat({ label, value, sub }: { label: string; value: ReactNode; sub?: string }) {
  return (
    <div className="rounded-lg border border-zinc-200 bg-white px-3 py-2 dark:border-zinc-800 dark:bg-zinc-900">
      <dt className="text-xs text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="text-base font-semibold tabular-nums">{value}</dd>
      {sub ? <dd className="text-xs text-zinc-500 dark:text-zinc-400">{sub}</dd> : null}
    </div>
  );
}
