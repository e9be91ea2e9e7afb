'use client';

import { Area, Bar, BarChart, CartesianGrid, ComposedChart, Rectangle, Scatter, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';
import type { UptimeBucket } from '@/lib/domain/uptime';
import type { CheckPoint } from '@/lib/ui/history-window';
import { formatLatency, formatPercent } from '@/lib/ui/view-models';
import { MINUTE_MS } from '@/lib/shared/time';
import { formatAbsolute, useTimeZone } from '@/components/ui/time';
import { CHART_COLORS } from '@/components/charts/colors';
import { TIER_COLORS, TIER_LEGEND, uptimeTier, type UptimeTier } from '@/components/charts/uptime-tiers';

// The monitor page's history: response time (one point per check in short windows, the
// average per interval in long ones) and uptime per interval, coloured by degree.

interface Point {
  t: number;
  start: string;
  latency: number | null;
  /** Set on a failed check only: its latency, or 0 when it has none (a timeout), to mark it. */
  failed: number | null;
  uptime: number;
  tier: UptimeTier;
  total: number;
  /** Per-check points only. */
  status?: string;
}

function bucketPoints(buckets: UptimeBucket[]): Point[] {
  return buckets.map((b) => ({
    t: new Date(b.start).getTime(),
    start: b.start,
    latency: b.avgLatencyMs,
    failed: null,
    uptime: b.uptimePercent ?? 0,
    tier: uptimeTier(b),
    total: b.totalChecks,
  }));
}

function checkPoints(series: CheckPoint[]): Point[] {
  return series.map((c) => ({
    t: c.t,
    start: new Date(c.t).toISOString(),
    latency: c.latencyMs,
    failed: c.status === 'DOWN' ? (c.latencyMs ?? 0) : null,
    uptime: c.status === 'UP' ? 100 : 0,
    tier: c.status === 'UP' ? 'full' : 'down',
    total: 1,
    status: c.status,
  }));
}

/** Days for long windows, hours and minutes for short ones, and seconds too when the points span a few minutes only. */
function tickFormatter(hours: number, timeZone: string, spanMs = Infinity) {
  const f = new Intl.DateTimeFormat(
    'en-GB',
    hours > 24
      ? { month: 'short', day: 'numeric', timeZone }
      : { hour: '2-digit', minute: '2-digit', ...(spanMs < 15 * MINUTE_MS ? { second: '2-digit' } : {}), hourCycle: 'h23', timeZone },
  );
  return (t: number) => f.format(new Date(t));
}

const axisProps = { stroke: 'currentColor', tick: { fontSize: 11, fill: 'currentColor' }, tickLine: false } as const;

function ChartTooltip({ active, payload, timeZone, kind }: { active?: boolean; payload?: ReadonlyArray<{ payload?: Point }>; timeZone: string; kind: 'latency' | 'uptime' }) {
  const p = payload?.[0]?.payload;
  if (!active || !p) return null;
  const perCheck = p.status !== undefined;
  return (
    <div className="rounded-md border border-zinc-200 bg-white px-2.5 py-1.5 text-xs shadow-md dark:border-zinc-700 dark:bg-zinc-900">
      <div className="text-zinc-500 dark:text-zinc-400">{formatAbsolute(p.start, timeZone, 'short')}</div>
      {kind === 'latency' ? (
        <div className="font-medium">{perCheck ? `${p.status} · ${formatLatency(p.latency)}` : `Avg response time ${formatLatency(p.latency)}`}</div>
      ) : (
        <div className="font-medium">{p.tier === 'empty' ? 'No checks' : `Uptime ${formatPercent(p.uptime)}`}</div>
      )}
      {perCheck ? null : <div className="text-zinc-500 dark:text-zinc-400">{p.total} checks</div>}
    </div>
  );
}

/** Response time: each check of `series` when given (failed ones marked red), else the buckets' averages. */
export function LatencyChart({ buckets, series, hours }: { buckets: UptimeBucket[]; series: CheckPoint[] | null; hours: number }) {
  const tz = useTimeZone();
  const perCheck = series !== null;
  const points = perCheck ? checkPoints(series) : bucketPoints(buckets);
  const measured = points.filter((p) => p.latency !== null);
  const span = points.length > 1 ? points[points.length - 1].t - points[0].t : 0;
  const failedPoints = points.filter((p) => p.failed !== null);
  const failed = failedPoints.length;
  const range = measured.length ? `from ${formatLatency(Math.min(...measured.map((p) => p.latency!)))} to ${formatLatency(Math.max(...measured.map((p) => p.latency!)))}` : '';
  const label = !measured.length
    ? 'No response time measured in this window'
    : perCheck
      ? `Response time of ${points.length} ${points.length === 1 ? 'check' : 'checks'}, ${range}${failed ? `; ${failed} failed` : ''}`
      : `Average response time per interval, ${range}`;
  return (
    <figure data-chart="latency" data-per-check={perCheck} className="text-zinc-500 dark:text-zinc-400">
      <figcaption className="mb-1 flex flex-wrap items-center gap-x-3 text-xs">
        <span className="font-medium">{perCheck ? 'Response time per check' : 'Average response time per interval'}</span>
        {perCheck && failed ? (
          <span className="inline-flex items-center gap-1">
            <span aria-hidden="true" className="inline-block size-2 rounded-full" style={{ backgroundColor: CHART_COLORS.down }} />
            failed check
          </span>
        ) : null}
      </figcaption>
      <div role="img" aria-label={label}>
        <ComposedChart responsive style={{ width: '100%', height: 170 }} data={points} margin={{ top: 6, right: 8, bottom: 0, left: 0 }}>
          <defs>
            <linearGradient id="latencyFill" x1="0" y1="0" x2="0" y2="1">
              <stop offset="0%" stopColor={CHART_COLORS.latency} stopOpacity={0.35} />
              <stop offset="100%" stopColor={CHART_COLORS.latency} stopOpacity={0.02} />
            </linearGradient>
          </defs>
          <CartesianGrid vertical={false} strokeOpacity={0.15} stroke="currentColor" />
          <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={tickFormatter(hours, tz, span)} minTickGap={32} {...axisProps} />
          <YAxis width={56} tickFormatter={(v: number) => `${v} ms`} allowDecimals={false} {...axisProps} />
          <Tooltip content={<ChartTooltip timeZone={tz} kind="latency" />} />
          <Area
            type={perCheck ? 'linear' : 'monotone'}
            dataKey="latency"
            stroke={CHART_COLORS.latency}
            strokeWidth={1.75}
            fill="url(#latencyFill)"
            isAnimationActive={false}
            connectNulls={perCheck}
            dot={measured.length <= 3 ? { r: 3, fill: CHART_COLORS.latency } : false}
          />
          {perCheck && failed ? <Scatter data={failedPoints} dataKey="failed" fill={CHART_COLORS.down} isAnimationActive={false} shape="circle" legendType="none" /> : null}
        </ComposedChart>
      </div>
    </figure>
  );
}

function UptimeBar(props: BarShapeProps) {
  const p = props.payload as Point | undefined;
  // A slice without checks is a low grey stub (minPointSize), so "no data" never reads as "down".
  return <Rectangle {...props} fill={TIER_COLORS[p?.tier ?? 'empty']} radius={2} data-tier={p?.tier ?? 'empty'} />;
}

export function UptimeBarChart({ buckets, hours }: { buckets: UptimeBucket[]; hours: number }) {
  const tz = useTimeZone();
  const points = bucketPoints(buckets);
  const count = (tier: UptimeTier) => points.filter((p) => p.tier === tier).length;
  const label = `Uptime per interval: ${count('full')} all up, ${count('partial')} with some failures, ${count('down')} mostly down, ${count('empty')} without checks`;
  return (
    <figure data-chart="uptime" className="text-zinc-500 dark:text-zinc-400">
      <figcaption className="mb-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs">
        <span className="font-medium">Uptime</span>
        <ul className="flex flex-wrap gap-x-3 gap-y-1" aria-label="Colours">
          {TIER_LEGEND.map((l) => (
            <li key={l.tier} className="inline-flex items-center gap-1" data-legend={l.tier}>
              <span aria-hidden="true" className="inline-block size-2.5 rounded-sm" style={{ backgroundColor: TIER_COLORS[l.tier] }} />
              {l.label}
            </li>
          ))}
        </ul>
      </figcaption>
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
