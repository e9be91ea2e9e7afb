'use client';

import { Area, AreaChart, Bar, BarChart, CartesianGrid, Rectangle, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';
import type { UptimeBucket } from '@/lib/domain/uptime';
import { formatLatency, formatPercent } from '@/lib/ui/view-models';
import { formatAbsolute, useTimeZone } from '@/components/ui/time';
import { CHART_COLORS } from '@/components/charts/colors';

interface Point {
  t: number;
  start: string;
  latency: number | null;
  uptime: number;
  measured: boolean;
  total: number;
}

function toPoints(buckets: UptimeBucket[]): Point[] {
  return buckets.map((b) => ({
    t: new Date(b.start).getTime(),
    start: b.start,
    latency: b.avgLatencyMs,
    uptime: b.uptimePercent ?? 0,
    measured: b.uptimePercent !== null,
    total: b.totalChecks,
  }));
}

function tickFormatter(hours: number, timeZone: string) {
  const f = new Intl.DateTimeFormat('en-GB', hours > 24 ? { month: 'short', day: 'numeric', timeZone } : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
  return (t: number) => f.format(new Date(t));
}

const axisProps = { stroke: 'currentColor', tick: { fontSize: 11, fill: 'currentColor' }, tickLine: false } as const;

function ChartTooltip({ active, payload, timeZone, kind }: { active?: boolean; payload?: ReadonlyArray<{ payload?: Point }>; timeZone: string; kind: 'latency' | 'uptime' }) {
  const p = payload?.[0]?.payload;
  if (!active || !p) return null;
  return (
    <div className="rounded-md border border-zinc-200 bg-white px-2.5 py-1.5 text-xs shadow-md dark:border-zinc-700 dark:bg-zinc-900">
      <div className="text-zinc-500 dark:text-zinc-400">{formatAbsolute(p.start, timeZone, 'short')}</div>
      {kind === 'latency' ? (
        <div className="font-medium">Avg latency {formatLatency(p.latency)}</div>
      ) : (
        <div className="font-medium">{p.measured ? `Uptime ${formatPercent(p.uptime)}` : 'No checks'}</div>
      )}
      <div className="text-zinc-500 dark:text-zinc-400">{p.total} checks</div>
    </div>
  );
}

export function LatencyChart({ buckets, hours }: { buckets: UptimeBucket[]; hours: number }) {
  const tz = useTimeZone();
  const points = toPoints(buckets);
  const measured = points.filter((p) => p.latency !== null);
  const label = measured.length ? `Average latency per interval, from ${formatLatency(Math.min(...measured.map((p) => p.latency!)))} to ${formatLatency(Math.max(...measured.map((p) => p.latency!)))}` : 'No latency measured in this window';
  return (
    <figure data-chart="latency" className="text-zinc-500 dark:text-zinc-400">
      <figcaption className="mb-1 text-xs font-medium">Latency</figcaption>
      <div role="img" aria-label={label}>
        <AreaChart responsive style={{ width: '100%', height: 170 }} data={points} margin={{ top: 6, right: 8, bottom: 0, left: 0 }}>
          <defs>
            <linearGradient id="latencyFill" x1="0" y1="0" x2="0" y2="1">
              <stop offset="0%" stopColor={CHART_COLORS.latency} stopOpacity={0.35} />
              <stop offset="100%" stopColor={CHART_COLORS.latency} stopOpacity={0.02} />
            </linearGradient>
          </defs>
          <CartesianGrid vertical={false} strokeOpacity={0.15} stroke="currentColor" />
          <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={tickFormatter(hours, tz)} minTickGap={24} {...axisProps} />
          <YAxis width={56} tickFormatter={(v: number) => `${v} ms`} allowDecimals={false} {...axisProps} />
          <Tooltip content={<ChartTooltip timeZone={tz} kind="latency" />} />
          <Area type="monotone" dataKey="latency" stroke={CHART_COLORS.latency} strokeWidth={1.75} fill="url(#latencyFill)" isAnimationActive={false} connectNulls={false} dot={measured.length <= 3 ? { r: 3, fill: CHART_COLORS.latency } : false} />
        </AreaChart>
      </div>
    </figure>
  );
}

function UptimeBar(props: BarShapeProps) {
  const p = props.payload as Point | undefined;
  // A slice without checks is a low grey stub (minPointSize), so "no data" never reads as "down".
  const fill = !p?.measured ? CHART_COLORS.empty : p.uptime >= 99.9 ? CHART_COLORS.up : p.uptime >= 95 ? '#d97706' : CHART_COLORS.down;
  return <Rectangle {...props} fill={fill} radius={2} />;
}

export function UptimeBarChart({ buckets, hours }: { buckets: UptimeBucket[]; hours: number }) {
  const tz = useTimeZone();
  const points = toPoints(buckets);
  const bad = points.filter((p) => p.measured && p.uptime < 100).length;
  const label = `Uptime per interval: ${points.filter((p) => p.measured).length} intervals with checks, ${bad} with failures`;
  return (
    <figure data-chart="uptime" className="text-zinc-500 dark:text-zinc-400">
      <figcaption className="mb-1 text-xs font-medium">Uptime</figcaption>
      <div role="img" aria-label={label}>
        <BarChart responsive style={{ width: '100%', height: 120 }} data={points} margin={{ top: 6, right: 8, bottom: 0, left: 0 }} barCategoryGap={2}>
          <XAxis dataKey="t" tickFormatter={tickFormatter(hours, tz)} minTickGap={24} {...axisProps} />
          <YAxis width={56} domain={[0, 100]} ticks={[0, 50, 100]} tickFormatter={(v: number) => `${v}%`} {...axisProps} />
          <Tooltip cursor={{ fillOpacity: 0.08 }} content={<ChartTooltip timeZone={tz} kind="uptime" />} />
          <Bar dataKey="uptime" isAnimationActive={false} minPointSize={3} shape={UptimeBar} />
        </BarChart>
      </div>
    </figure>
  );
}
