'use client';

import { memo, useRef } from 'react';
import { Bar, BarChart, Rectangle, YAxis, type BarShapeProps } from 'recharts';
import type { RecentPoint } from '@/lib/ui/view-models';
import { useSeen } from '@/components/charts/use-in-view';
import { statusColor } from '@/components/charts/colors';

const SLOTS = 24;
const WIDTH = 168;
const HEIGHT = 28;

interface Slot {
  slot: number;
  value: number;
  status: string | null;
}

function toSlots(points: RecentPoint[]): Slot[] {
  const recent = points.slice(-SLOTS);
  const pad = SLOTS - recent.length;
  return Array.from({ length: SLOTS }, (_, i) => {
    const p = i >= pad ? recent[i - pad] : null;
    return { slot: i, value: 1, status: p ? p.status : null };
  });
}

function SlotBar(props: BarShapeProps) {
  const status = (props.payload as Slot | undefined)?.status ?? null;
  return <Rectangle {...props} fill={statusColor(status)} radius={1.5} />;
}

/** The last 24 checks as a strip of bars, one per check, coloured by result. */
export const MiniUptimeChart = memo(function MiniUptimeChart({ points }: { points: RecentPoint[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const seen = useSeen(ref);
  const up = points.filter((p) => p.status === 'UP').length;
  const down = points.filter((p) => p.status === 'DOWN').length;
  const label = points.length ? `Last ${points.length} checks: ${up} up, ${down} down` : 'No checks yet';
  return (
    <div ref={ref} role="img" aria-label={label} title={label} data-chart="mini-uptime" className="h-7 w-[168px] shrink-0">
      {seen ? (
        <BarChart width={WIDTH} height={HEIGHT} data={toSlots(points)} margin={{ top: 0, right: 0, bottom: 0, left: 0 }} barCategoryGap={1.5} accessibilityLayer={false}>
          <YAxis hide domain={[0, 1]} />
          <Bar dataKey="value" isAnimationActive={false} shape={SlotBar} />
        </BarChart>
      ) : null}
    </div>
  );
}, samePoints);

function samePoints(a: { points: RecentPoint[] }, b: { points: RecentPoint[] }): boolean {
  if (a.points.length !== b.points.length) return false;
  const la = a.points[a.points.length - 1];
  const lb = b.points[b.points.length - 1];
  return la?.checkedAt === lb?.checkedAt && a.points[0]?.checkedAt === b.points[0]?.checkedAt;
}
