'use client';

import { SORT_KEYS, SORT_LABELS, type DashboardView, type SortKey } from '@/lib/ui/dashboard-view';
import { MONITOR_KINDS, type MonitorType } from '@/lib/monitor-kinds';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';

// The sort (key and direction), grouping by tag, and the type filter (shown only when the user
// has more than one type of monitor).

const select =
  'h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100';

export function SortMenu({ view, onSort, onReverse }: { view: DashboardView; onSort: (key: SortKey) => void; onReverse: () => void }) {
  const labels = SORT_LABELS[view.sort];
  return (
    <div className="flex items-center gap-1.5">
      <label htmlFor="dashboard-sort" className="text-sm text-zinc-600 dark:text-zinc-400">
        Sort
      </label>
      <select id="dashboard-sort" className={select} value={view.sort} onChange={(e) => onSort(e.target.value as SortKey)}>
        {SORT_KEYS.map((k) => (
          <option key={k} value={k}>
            {SORT_LABELS[k].label}
          </option>
        ))}
      </select>
      <Button size="md" onClick={onReverse} aria-label={`Order: ${view.reversed ? labels.reversed : labels.natural}; press to reverse`} data-testid="sort-order">
        <svg viewBox="0 0 16 16" className="size-4" aria-hidden="true">
          <path d="M5 2v12M2 11l3 3 3-3M11 14V2M8 5l3-3 3 3" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        <span className="hidden lg:inline">{view.reversed ? labels.reversed : labels.natural}</span>
      </Button>
    </div>
  );
}

export function GroupToggle({ grouped, onChange }: { grouped: boolean; onChange: (grouped: boolean) => void }) {
  return (
    <Button aria-pressed={grouped} onClick={() => onChange(!grouped)} className="aria-pressed:border-zinc-900 aria-pressed:bg-zinc-900 aria-pressed:text-white dark:aria-pressed:bg-zinc-100 dark:aria-pressed:text-zinc-900">
      Group by tag
    </Button>
  );
}

const chip =
  'inline-flex h-7 items-center gap-1.5 rounded-full border border-zinc-200 bg-white px-2.5 text-xs font-medium hover:bg-zinc-50 aria-pressed:border-zinc-900 aria-pressed:bg-zinc-900 aria-pressed:text-white dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800 dark:aria-pressed:border-zinc-100 dark:aria-pressed:bg-zinc-100 dark:aria-pressed:text-zinc-900';

export function TypeFilter({ present, counts, chosen, onToggle }: { present: readonly string[]; counts: ReadonlyMap<string, number>; chosen: readonly string[]; onToggle: (type: string) => void }) {
  if (present.length < 2 && chosen.length === 0) return null;
  const types = (Object.keys(MONITOR_KINDS) as MonitorType[]).filter((t) => present.includes(t) || chosen.includes(t));
  return (
    <div role="group" aria-label="Filter by type" className="flex flex-wrap items-center gap-1.5">
      <span className="mr-1 text-xs font-medium text-zinc-500 dark:text-zinc-400">Type</span>
      {types.map((t) => (
        <button key={t} type="button" aria-pressed={chosen.includes(t)} onClick={() => onToggle(t)} className={cn(chip)} data-type-filter={t}>
          {MONITOR_KINDS[t].ui.label}
          <span className="tabular-nums opacity-70">{counts.get(t) ?? 0}</span>
        </button>
      ))}
    </div>
  );
}
