import Link from 'next/link';
import type { MonitorChoice } from '@/lib/ui/status-page-form-model';
import { Checkbox } from '@/components/ui/checkbox';
import { FieldError } from '@/components/ui/field';

/** Which monitors a window covers: all of them (present and future), or the ones checked. */
export function MonitorChecklist({
  idPrefix,
  monitors,
  all,
  selected,
  onAll,
  onSelected,
  error,
}: {
  idPrefix: string;
  monitors: MonitorChoice[];
  all: boolean;
  selected: string[];
  onAll: (all: boolean) => void;
  onSelected: (ids: string[]) => void;
  error?: string;
}) {
  const toggle = (id: string, on: boolean) => onSelected(on ? [...selected, id] : selected.filter((m) => m !== id));
  return (
    <fieldset aria-describedby={error ? `${idPrefix}-monitors-error` : undefined}>
      <legend className="mb-1.5 block text-sm font-medium text-zinc-800 dark:text-zinc-200">Monitors</legend>
      <Checkbox id={`${idPrefix}-all`} label="All monitors" checked={all} onChange={onAll} hint="Including monitors you add later." />
      {all ? null : monitors.length === 0 ? (
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
          You have no monitors yet.{' '}
          <Link href="/monitors/new" className="font-medium underline underline-offset-2 hover:no-underline">
            Add a monitor
          </Link>
        </p>
      ) : (
        <div className="mt-3 grid gap-2 sm:grid-cols-2">
          {monitors.map((m) => (
            <Checkbox key={m.id} id={`${idPrefix}-monitor-${m.id}`} label={<span className="font-normal">{m.name}</span>} checked={selected.includes(m.id)} onChange={(on) => toggle(m.id, on)} />
          ))}
        </div>
      )}
      {error ? <FieldError id={`${idPrefix}-monitors-error`}>{error}</FieldError> : null}
    </fieldset>
  );
}
