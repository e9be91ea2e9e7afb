'use client';

import { memo } from 'react';
import type { GroupHeader as Group } from '@/lib/ui/dashboard-list';
import { cn } from '@/components/ui/cn';
import { itemStyle } from '@/components/dashboard/monitor-row';

// A tag group's header in the list: the tag, how many monitors, how many up and down, and a
// fold toggle. It is an item of the list like a row (the list moves focus between them).

export const GroupHeaderItem = memo(function GroupHeaderItem({
  group,
  index,
  setSize,
  active,
  top,
  measure,
  onFold,
}: {
  group: Group;
  index: number;
  setSize: number;
  active: boolean;
  /** Offset from the list's top, in px. */
  top: number;
  measure: (el: HTMLElement | null) => void;
  onFold: (key: string) => void;
}) {
  const name = group.tag?.name ?? 'No tag';
  return (
    <li
      ref={measure}
      data-index={index}
      data-group={group.key}
      aria-setsize={setSize}
      aria-posinset={index + 1}
      tabIndex={active ? 0 : -1}
      style={itemStyle(top)}
      className="flex items-center gap-3 border-b border-zinc-200 bg-zinc-100 px-4 py-2 outline-offset-[-2px] dark:border-zinc-800 dark:bg-zinc-800/70"
    >
      <button
        type="button"
        tabIndex={-1}
        aria-expanded={!group.collapsed}
        onClick={() => onFold(group.key)}
        className="inline-flex min-w-0 items-center gap-2 text-sm font-semibold"
      >
        <svg viewBox="0 0 12 12" className={cn('size-3 shrink-0 transition-transform', group.collapsed ? '-rotate-90' : '')} aria-hidden="true">
          <path d="M2.5 4.5 6 8l3.5-3.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        {group.tag ? <span aria-hidden="true" className="size-2.5 shrink-0 rounded-full" style={{ backgroundColor: group.tag.color }} /> : null}
        <span className="truncate">{name}</span>
      </button>
      <span className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
        {group.count} {group.count === 1 ? 'monitor' : 'monitors'}
      </span>
      <span className="ml-auto flex items-center gap-3 text-xs font-medium tabular-nums" data-group-counts>
        <span className="text-green-700 dark:text-green-400">
          <span aria-hidden="true">▲ </span>
          {group.up} up
        </span>
        <span className={group.down ? 'text-red-700 dark:text-red-400' : 'text-zinc-500 dark:text-zinc-400'}>
          <span aria-hidden="true">▼ </span>
          {group.down} down
        </span>
      </span>
    </li>
  );
});
