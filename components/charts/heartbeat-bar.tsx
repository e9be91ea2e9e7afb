'use client';

import { memo, startTransition, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Bar, BarChart, Rectangle, Tooltip, YAxis, type BarShapeProps } from 'recharts';
import type { HeartbeatDto } from '@/lib/dto/dashboard';
import { causeText } from '@/lib/domain/cause-labels';
import { formatLatency, notTheTarget } from '@/lib/ui/view-models';
import { formatAbsolute, useTimeZone } from '@/components/ui/time';
import { CHART_COLORS, statusColor } from '@/components/charts/colors';

// A monitor's most recent checks, one segment each (newest on the right), as many as the row
// has room for up to 50: a young monitor shows what it has, and one failed check is one red
// segment rather than a whole hour drawn red. Failed segments are also taller than passed
// ones, so the bar does not speak in colour alone; each segment has a tooltip.

export const MAX_BEATS = 50;
/** The narrowest segment plus its gap, in px. */
const MIN_PITCH = 5;
const HEIGHT = 24;

interface Segment {
  slot: number;
  /** The bar's height (0..1): failures reach the top. */
  value: number;
  beat: HeartbeatDto | null;
}

function heightOf(status: string | null): number {
  if (status === 'DOWN') return 1;
  if (status === 'UP') return 0.6;
  if (status === null) return 0.6;
  return 0.8;
}

function toSegments(beats: readonly HeartbeatDto[], slots: number): Segment[] {
  const recent = beats.slice(-slots);
  const pad = slots - recent.length;
  return Array.from({ length: slots }, (_, i) => {
    const beat = i >= pad ? recent[i - pad] : null;
    return { slot: i, value: heightOf(beat?.status ?? null), beat };
  });
}

/** A failure that was not the target's fault (its parent down, Pingboard offline) is drawn grey: it counts for nothing. */
function SegmentShape(props: BarShapeProps) {
  const beat = (props.payload as Segment | undefined)?.beat ?? null;
  const excused = notTheTarget(beat?.cause);
  return <Rectangle {...props} fill={excused ? CHART_COLORS.pending : statusColor(beat?.status ?? null)} radius={1.5} />;
}

function BeatTooltip({ active, payload, timeZone }: { active?: boolean; payload?: ReadonlyArray<{ payload?: Segment }>; timeZone: string }) {
  const beat = payload?.[0]?.payload?.beat;
  if (!active || !beat) return null;
  const cause = beat.status === 'UP' ? null : causeText(beat.cause, null);
  return (
    <div data-testid="heartbeat-tooltip" className="rounded-md border border-zinc-200 bg-white px-2.5 py-1.5 text-xs whitespace-nowrap shadow-md dark:border-zinc-700 dark:bg-zinc-900">
      <div className="text-zinc-500 dark:text-zinc-400">{formatAbsolute(beat.checkedAt, timeZone, 'short')}</div>
      <div className="font-medium">
        {beat.status} · {formatLatency(beat.latencyMs)}
      </div>
      {cause ? <div className={notTheTarget(beat.cause) ? 'text-zinc-600 dark:text-zinc-300' : 'text-red-700 dark:text-red-400'}>{cause}</div> : null}
    </div>
  );
}

// Every bar on screen has the same width (one column of the list): one shared observer, and a
// new bar starts from the last width seen, so mounting a row while scrolling renders it once.
let lastWidth = 0;
let observer: ResizeObserver | null = null;
const listeners = new WeakMap<Element, (w: number) => void>();

function sharedObserver(): ResizeObserver {
  observer ??= new ResizeObserver((entries) => {
    for (const e of entries) listeners.get(e.target)?.(Math.floor(e.contentRect.width));
  });
  return observer;
}

/** The element's content width, following resizes. */
function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(lastWidth);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = (w: number) => {
      if (w > 0) lastWidth = w;
      setWidth(w);
    };
    update(Math.floor(el.clientWidth));
    if (typeof ResizeObserver === 'undefined') return;
    const obs = sharedObserver();
    listeners.set(el, update);
    obs.observe(el);
    return () => {
      obs.unobserve(el);
      listeners.delete(el);
    };
  }, [ref]);
  return width;
}

export function beatsSummary(beats: readonly HeartbeatDto[] | undefined, shown: number): string {
  if (!beats) return 'Loading recent checks';
  const recent = beats.slice(-shown);
  if (recent.length === 0) return 'No checks yet';
  const down = recent.filter((b) => b.status === 'DOWN').length;
  const up = recent.filter((b) => b.status === 'UP').length;
  const other = recent.length - up - down;
  return `Last ${recent.length} checks: ${up} up, ${down} down${other ? `, ${other} other` : ''}`;
}

/**
 * `beats` oldest first; undefined while they load. `defer` (while the list scrolls fast) keeps a
 * bar that has not drawn yet as a placeholder, so rows flying past do not each build a chart;
 * once drawn, a bar stays drawn.
 */
export const HeartbeatBar = memo(function HeartbeatBar({ beats, defer = false }: { beats: readonly HeartbeatDto[] | undefined; defer?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const width = useWidth(ref);
  // A chart is the row's heaviest part: the row paints first with a placeholder, and its chart
  // follows in a transition React can pause for typing, so a filter that brings thirty rows
  // into view answers at once and their charts fill in a moment later.
  const [drawn, setDrawn] = useState(false);
  const ready = !defer && width > 0 && beats !== undefined;
  useEffect(() => {
    if (ready && !drawn) startTransition(() => setDrawn(true));
  }, [ready, drawn]);
  const draw = drawn;
  const tz = useTimeZone();
  const slots = Math.max(1, Math.min(MAX_BEATS, Math.floor(width / MIN_PITCH)));
  const label = beatsSummary(beats, slots);
  return (
    <div ref={ref} role="img" aria-label={label} data-chart="heartbeat" data-beats={beats ? Math.min(beats.length, slots) : undefined} className="h-6 w-full min-w-0">
      {draw && beats ? (
        <BarChart width={width} height={HEIGHT} data={toSegments(beats, slots)} margin={{ top: 0, right: 0, bottom: 0, left: 0 }} barCategoryGap="18%" accessibilityLayer={false}>
          <YAxis hide domain={[0, 1]} />
          <Tooltip
            cursor={false}
            isAnimationActive={false}
            allowEscapeViewBox={{ x: true, y: true }}
            offset={12}
            wrapperStyle={{ zIndex: 30, pointerEvents: 'none' }}
            content={<BeatTooltip timeZone={tz} />}
          />
          <Bar dataKey="value" isAnimationActive={false} shape={SegmentShape} />
        </BarChart>
      ) : (
        <div aria-hidden="true" className="h-full w-full animate-pulse rounded bg-zinc-100 dark:bg-zinc-800/60" />
      )}
    </div>
  );
});
