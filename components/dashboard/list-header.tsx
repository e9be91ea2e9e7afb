'use client';

import { useEffect, useRef } from 'react';
import { cn } from '@/components/ui/cn';
import { ROW_GRID } from '@/components/dashboard/monitor-row';

// The list's column titles, and the box that selects every monitor the filters leave
// (checked when all are, mixed when some are).

export function ListHeader({ shown, selected, onSelectAll }: { shown: number; selected: number; onSelectAll: (on: boolean) => void }) {
  const box = useRef<HTMLInputElement>(null);
  const all = shown > 0 && selected === shown;
  useEffect(() => {
    if (box.current) box.current.indeterminate = selected > 0 && !all;
  }, [selected, all]);
  return (
    <div className={cn(ROW_GRID, 'rounded-t-lg border-b border-zinc-200 bg-zinc-50 px-4 py-2 text-xs font-medium text-zinc-500 dark:border-zinc-800 dark:bg-zinc-900/60 dark:text-zinc-400')}>
      <input
        ref={box}
        type="checkbox"
        className="size-4 accent-zinc-900 dark:accent-zinc-100"
        aria-label={all ? `Deselect all ${shown} shown monitors` : `Select all ${shown} shown monitors`}
        checked={all}
        disabled={shown === 0}
        onChange={(e) => onSelectAll(e.target.checked)}
      />
      <span className="md:hidden">Select all {shown}</span>
      <span className="hidden md:block" aria-hidden="true">
        Status
      </span>
      <span className="hidden md:block" aria-hidden="true">
        Monitor
      </span>
      <span className="hidden md:block" aria-hidden="true">
        Recent checks
      </span>
      <span className="hidden whitespace-nowrap md:block md:text-right" aria-hidden="true">
        Uptime 24 h
      </span>
      <span className="hidden md:block md:text-right" aria-hidden="true">
        Response
      </span>
      <span className="hidden md:block md:text-right" aria-hidden="true">
        Last check
      </span>
    </div>
  );
}
