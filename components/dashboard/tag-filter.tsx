'use client';

import { useState } from 'react';
import type { TagInfo } from '@/lib/ui/dashboard-list';
import { cn } from '@/components/ui/cn';
import { TagManager, type TagActions } from '@/components/dashboard/tag-manager';

// The tag filter: one toggle per tag with how many monitors it would show given the other
// filters; a monitor matches when it carries any chosen tag. "Manage tags" opens the editor
// in place (create, rename, recolour, delete).

const chip =
  'inline-flex h-7 items-center gap-1.5 rounded-full border border-zinc-200 bg-white px-2.5 text-xs font-medium hover:bg-zinc-50 aria-pressed:border-zinc-900 aria-pressed:bg-zinc-900 aria-pressed:text-white dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800 dark:aria-pressed:border-zinc-100 dark:aria-pressed:bg-zinc-100 dark:aria-pressed:text-zinc-900';

export function TagFilter({
  tags,
  counts,
  chosen,
  onToggle,
  actions,
}: {
  tags: readonly TagInfo[];
  counts: ReadonlyMap<string, number>;
  chosen: readonly string[];
  onToggle: (id: string) => void;
  actions: TagActions;
}) {
  const [managing, setManaging] = useState(false);
  return (
    <div className="space-y-2">
      <div role="group" aria-label="Filter by tag" className="flex flex-wrap items-center gap-1.5">
        <span className="mr-1 text-xs font-medium text-zinc-500 dark:text-zinc-400">Tags</span>
        {tags.map((t) => (
          <button key={t.id} type="button" aria-pressed={chosen.includes(t.id)} onClick={() => onToggle(t.id)} className={chip} data-tag-filter={t.id}>
            <span aria-hidden="true" className="size-2 shrink-0 rounded-full ring-1 ring-white/60" style={{ backgroundColor: t.color }} />
            <span className="max-w-[12rem] truncate">{t.name}</span>
            <span className="tabular-nums opacity-70">{counts.get(t.id) ?? 0}</span>
          </button>
        ))}
        {tags.length === 0 ? <span className="text-xs text-zinc-500 dark:text-zinc-400">none yet</span> : null}
        <button
          type="button"
          aria-expanded={managing}
          onClick={() => setManaging((m) => !m)}
          className={cn(chip, 'border-dashed text-zinc-600 dark:text-zinc-300')}
        >
          {managing ? 'Done' : 'Manage tags'}
        </button>
      </div>
      {managing ? <TagManager tags={tags} actions={actions} /> : null}
    </div>
  );
}
