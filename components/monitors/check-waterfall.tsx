import type { CheckDto } from '@/lib/dto';
import { formatPhaseMs, waterfallSegments } from '@/lib/ui/timings';
import { formatLatency } from '@/lib/ui/view-models';
import { PHASE_COLORS } from '@/components/charts/colors';

/** One check's phases as horizontal bars, each starting where the previous one ended, each named and timed in text. */
export function CheckWaterfall({ timings }: { timings: CheckDto['timings'] | null }) {
  const { segments, totalMs } = waterfallSegments(timings);
  if (segments.length === 0) {
    return <p className="text-xs text-zinc-500 dark:text-zinc-400">No phase timings were recorded for this check.</p>;
  }
  return (
    <figure data-waterfall className="text-xs">
      <figcaption className="mb-1.5 text-zinc-500 dark:text-zinc-400">Request timing · total {formatLatency(totalMs)}</figcaption>
      <ol className="space-y-1">
        {segments.map((s) => (
          <li key={s.key} data-phase={s.key} className="grid grid-cols-[4.5rem_minmax(0,1fr)_4.5rem] items-center gap-2">
            <span className="font-medium text-zinc-700 dark:text-zinc-300">{s.label}</span>
            <span className="relative block h-3 rounded-sm bg-zinc-100 dark:bg-zinc-800" aria-hidden="true">
              <span
                data-bar
                className="absolute inset-y-0 block rounded-sm"
                style={{ left: `min(${s.offsetPct}%, 100% - 2px)`, width: `max(2px, ${s.widthPct}%)`, backgroundColor: PHASE_COLORS[s.key] }}
              />
            </span>
            <span className="text-right tabular-nums">{formatPhaseMs(s.ms)}</span>
          </li>
        ))}
      </ol>
    </figure>
  );
}
