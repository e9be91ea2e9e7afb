import type { MonitorType } from '@/lib/ui/monitor-form-model';
import { MONITOR_KINDS } from '@/lib/monitor-kinds';
import { cn } from '@/components/ui/cn';

const TYPES = Object.values(MONITOR_KINDS).map((k) => ({ type: k.type, label: k.ui.label, hint: k.ui.hint }));

/** Radio cards: arrow keys move between them like any radio group. */
export function TypePicker({ value, onChange }: { value: MonitorType; onChange: (t: MonitorType) => void }) {
  return (
    <fieldset>
      <legend className="mb-1 block text-sm font-medium text-zinc-800 dark:text-zinc-200">Monitor type</legend>
      <div className="grid gap-2 sm:grid-cols-3">
        {TYPES.map((t) => (
          <label
            key={t.type}
            className={cn(
              'flex cursor-pointer items-start gap-2 rounded-md border px-3 py-2 text-sm has-focus-visible:outline-2 has-focus-visible:outline-sky-600',
              value === t.type ? 'border-zinc-900 bg-zinc-50 dark:border-zinc-300 dark:bg-zinc-800/60' : 'border-zinc-300 dark:border-zinc-700',
            )}
          >
            <input
              type="radio"
              name="type"
              value={t.type}
              checked={value === t.type}
              onChange={() => onChange(t.type)}
              aria-labelledby={`type-${t.type}-label`}
              aria-describedby={`type-${t.type}-hint`}
              className="mt-0.5 size-4 accent-zinc-900 dark:accent-zinc-100"
            />
            <span>
              <span id={`type-${t.type}-label`} className="block font-medium">
                {t.label}
              </span>
              <span id={`type-${t.type}-hint`} className="block text-xs text-zinc-500 dark:text-zinc-400">
                {t.hint}
              </span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
