'use client';

import type { DisplayStatus } from '@/lib/ui/view-models';
import type { StatusKey } from '@/lib/ui/dashboard-view';
import { StatusIcon } from '@/components/ui/status-badge';
import { cn } from '@/components/ui/cn';

// The status counters, which are also the status filter: each is a toggle button (aria-pressed)
// whose number follows the other filters (search, tags, types). "All" clears the filter.
// Maintenance and Blocked appear only when some monitor is in that state (or it is chosen).

const COUNTERS: Array<{ key: StatusKey; status: DisplayStatus; label: string; tone: string; optional?: boolean }> = [
  { key: 'down', status: 'DOWN', label: 'Down', tone: 'text-red-700 dark:text-red-400' },
  { key: 'degraded', status: 'DEGRADED', label: 'Degraded', tone: 'text-amber-700 dark:text-amber-400' },
  { key: 'up', status: 'UP', label: 'Up', tone: 'text-green-700 dark:text-green-400' },
  { key: 'pending', status: 'PENDING', label: 'Pending', tone: 'text-zinc-600 dark:text-zinc-400' },
  { key: 'paused', status: 'PAUSED', label: 'Paused', tone: 'text-stone-600 dark:text-stone-400' },
  { key: 'maintenance', status: 'MAINTENANCE', label: 'Maintenance', tone: 'text-blue-700 dark:text-blue-400', optional: true },
  { key: 'blocked', status: 'BLOCKED', label: 'Blocked', tone: 'text-violet-700 dark:text-violet-400', optional: true },
];

const base =
  'flex min-w-0 items-center justify-between gap-2 rounded-lg border px-3 py-1.5 text-left transition-colors aria-pressed:border-zinc-900 aria-pressed:ring-1 aria-pressed:ring-zinc-900 dark:aria-pressed:border-zinc-100 dark:aria-pressed:ring-zinc-100';

export function StatusFilters({ counts, chosen, onToggle, onAll }: { counts: Record<StatusKey, number>; chosen: readonly StatusKey[]; onToggle: (key: StatusKey) => void; onAll: () => void }) {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const shown = COUNTERS.filter((c) => !c.optional || counts[c.key] > 0 || chosen.includes(c.key));
  return (
    <div role="group" aria-label="Filter by status" data-testid="summary" className="grid grid-cols-2 gap-2 sm:flex sm:flex-wrap">
      <button type="button" aria-pressed={chosen.length === 0} onClick={onAll} data-summary="ALL" className={cn(base, 'border-zinc-200 bg-white hover:bg-zinc-50 sm:min-w-28 dark:border-zinc-800 dark:bg-zinc-900 dark:hover:bg-zinc-800')}>
        <span className="text-sm font-medium">All</span>
        <span data-count className="text-lg font-semibold tabular-nums">
          {total}
        </span>
      </button>
      {shown.map((c) => (
        <button
          key={c.key}
          type="button"
          aria-pressed={chosen.includes(c.key)}
          onClick={() => onToggle(c.key)}
          data-summary={c.status}
          className={cn(base, 'border-zinc-200 bg-white hover:bg-zinc-50 sm:min-w-28 dark:border-zinc-800 dark:bg-zinc-900 dark:hover:bg-zinc-800')}
        >
          <span className={cn('flex items-center gap-1.5 text-sm font-medium', c.tone)}>
            <StatusIcon status={c.status} />
            {c.label}
          </span>
          <span data-count className="text-lg font-semibold tabular-nums">
            {counts[c.key]}
          </span>
        </button>
      ))}
    </div>
  );
}
