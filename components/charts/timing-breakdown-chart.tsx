'use client';

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { TimingBucket } from '@/lib/domain/timing-medians';
import { PHASES } from '@/lib/domain/phases';
import { formatPhaseMs, PHASE_LABELS } from '@/lib/ui/timings';
import { formatAbsolute, useTimeZone } from '@/components/ui/time';
import { PHASE_COLORS } from '@/components/charts/colors';

type Point = TimingBucket & { t: number };

function tickFormatter(hours: number, timeZone: string) {
  const f = new Intl.DateTimeFormat('en-GB', hours > 24 ? { month: 'short', day: 'numeric', timeZone } : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
  return (t: number) => f.format(new Date(t));
}

const axisProps = { stroke: 'currentColor', tick: { fontSize: 11, fill: 'currentColor' }, tickLine: false } as const;

function BreakdownTooltip({ active, payload, timeZone }: { active?: boolean; payload?: ReadonlyArray<{ payload?: Point }>; timeZone: string }) {
  const p = payload?.[0]?.payload;
  if (!active || !p) return null;
  return (
    <div className="rounded-md border border-zinc-200 bg-white px-2.5 py-1.5 text-xs shadow-md dark:border-zinc-700 dark:bg-zinc-900">
      <div className="text-zinc-500 dark:text-zinc-400">{formatAbsolute(p.start, timeZone, 'short')}</div>
      {p.samples === 0 ? (
        <div>No checks</div>
      ) : (
        <ul>
          {PHASES.map((ph) => (p[ph] === null ? null : <li key={ph}>{`${PHASE_LABELS[ph]} ${formatPhaseMs(p[ph] as number)}`}</li>))}
        </ul>
      )}
      <div className="text-zinc-500 dark:text-zinc-400">{p.samples} checks (medians)</div>
    </div>
  );
}

/** Median DNS, connect, TLS, TTFB and transfer time per interval, stacked. */
export function TimingBreakdownChart({ buckets, hours }: { buckets: TimingBucket[]; hours: number }) {
  const tz = useTimeZone();
  const points: Point[] = buckets.map((b) => ({ ...b, t: new Date(b.start).getTime() }));
  const measured = points.filter((p) => p.samples > 0).length;
  const present = PHASES.filter((ph) => points.some((p) => p[ph] !== null));
  const label = measured
    ? `Median request phases per interval (${present.map((ph) => PHASE_LABELS[ph]).join(', ')}), ${measured} intervals with checks`
    : 'No phase timings in this window';
  return (
    <figure data-chart="timings" className="text-zinc-500 dark:text-zinc-400">
      <figcaption className="mb-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs">
        <span className="font-medium">Response time breakdown</span>
        <ul className="flex flex-wrap gap-x-3 gap-y-1" aria-label="Phases">
          {PHASES.map((ph) => (
            <li key={ph} className="inline-flex items-center gap-1">
              <span aria-hidden="true" className="inline-block size-2.5 rounded-sm" style={{ backgroundColor: PHASE_COLORS[ph] }} />
              {PHASE_LABELS[ph]}
            </li>
          ))}
        </ul>
      </figcaption>
      <div role="img" aria-label={label}>
        <BarChart responsive style={{ width: '100%', height: 170 }} data={points} margin={{ top: 6, right: 8, bottom: 0, left: 0 }} barCategoryGap={2}>
          <CartesianGrid vertical={false} strokeOpacity={0.15} stroke="currentColor" />
          <XAxis dataKey="t" tickFormatter={tickFormatter(hours, tz)} minTickGap={24} {...axisProps} />
          <YAxis width={56} tickFormatter={(v: number) => `${v} ms`} allowDecimals={false} {...axisProps} />
          <Tooltip cursor={{ fillOpacity: 0.08 }} content={<BreakdownTooltip timeZone={tz} />} />
          {PHASES.map((ph) => (
            <Bar key={ph} dataKey={ph} name={PHASE_LABELS[ph]} stackId="phases" fill={PHASE_COLORS[ph]} isAnimationActive={false} />
          ))}
        </BarChart>
      </div>
    </figure>
  );
}
