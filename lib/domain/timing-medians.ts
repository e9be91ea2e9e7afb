// Median phase timings per time bucket, for the monitor page's stacked chart. Medians, not
// means: one 10-second outlier should not paint a whole hour slow.
import { PHASES, type Phase } from './phases';

export type PhaseSample = { checkedAt: number } & Record<Phase, number | null>;

export interface TimingBucket extends Record<Phase, number | null> {
  start: string;
  end: string;
  samples: number;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}

export function timingMedians(samples: PhaseSample[], from: Date, to: Date, buckets: number): TimingBucket[] {
  const width = (to.getTime() - from.getTime()) / buckets;
  const groups: PhaseSample[][] = Array.from({ length: buckets }, () => []);
  for (const s of samples) {
    const i = Math.floor((s.checkedAt - from.getTime()) / width);
    if (i >= 0 && i < buckets) groups[i].push(s);
  }
  return groups.map((g, i) => {
    const bucket = {
      start: new Date(from.getTime() + Math.round(i * width)).toISOString(),
      end: new Date(from.getTime() + Math.round((i + 1) * width)).toISOString(),
      samples: g.length,
    } as TimingBucket;
    for (const phase of PHASES) bucket[phase] = median(g.flatMap((s) => (s[phase] === null ? [] : [s[phase] as number])));
    return bucket;
  });
}
