import { UPTIME_WINDOWS, type UptimeWindowKey } from '@/lib/ui/view-models';
import { cn } from '@/components/ui/cn';

/** 1 h / 24 h / 7 d / 30 d, as toggle buttons (aria-pressed), driving every chart in the card. */
export function WindowControl({ value, onChange }: { value: UptimeWindowKey; onChange: (key: UptimeWindowKey) => void }) {
  return (
    <div role="group" aria-label="Chart window" className="inline-flex rounded-md border border-zinc-300 p-0.5 dark:border-zinc-700">
      {UPTIME_WINDOWS.map((w) => (
        <button
          key={w.key}
          type="button"
          aria-pressed={w.key === value}
          onClick={() => onChange(w.key)}
          className={cn(
            'rounded px-2.5 py-1 text-xs font-medium',
            w.key === value ? 'bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900' : 'text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800',
          )}
        >
          {w.label}
        </button>
      ))}
    </div>
  );
}
