import type { ChannelKind } from '@/lib/alerting/channel-types';
import type { ChannelKindInfo } from '@/lib/ui/channel-kinds';
import { cn } from '@/components/ui/cn';

/** Radio cards, one per channel kind: arrow keys move between them like any radio group. */
export function KindPicker({ kinds, value, onChange, idPrefix }: { kinds: ChannelKindInfo[]; value: ChannelKind | null; onChange: (k: ChannelKind) => void; idPrefix: string }) {
  return (
    <fieldset>
      <legend className="mb-1 block text-sm font-medium text-zinc-800 dark:text-zinc-200">Kind</legend>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {kinds.map((k) => (
          <label
            key={k.kind}
            className={cn(
              'flex cursor-pointer items-center gap-2 rounded-md border px-3 py-2 text-sm has-focus-visible:outline-2 has-focus-visible:outline-sky-600',
              value === k.kind ? 'border-zinc-900 bg-zinc-50 font-medium dark:border-zinc-300 dark:bg-zinc-800/60' : 'border-zinc-300 dark:border-zinc-700',
            )}
          >
            <input
              type="radio"
              name={`${idPrefix}-kind`}
              value={k.kind}
              checked={value === k.kind}
              onChange={() => onChange(k.kind)}
              className="size-4 accent-zinc-900 dark:accent-zinc-100"
            />
            {k.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
