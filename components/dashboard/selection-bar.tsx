'use client';

import type { TagInfo } from '@/lib/ui/dashboard-list';
import type { BulkAction } from '@/components/dashboard/dashboard-api';
import { Button } from '@/components/ui/button';
import { monitorsWord } from '@/components/dashboard/bulk-confirm';

// What can be done to the selected monitors, shown while some are selected; it stays in view
// below the header while the list scrolls.

const select =
  'h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100';

export function SelectionBar({
  count,
  tags,
  busy,
  onAction,
  onDelete,
  onChannels,
  onClear,
}: {
  count: number;
  tags: readonly TagInfo[];
  busy: boolean;
  onAction: (action: BulkAction) => void;
  onDelete: () => void;
  onChannels: () => void;
  onClear: () => void;
}) {
  return (
    <div
      role="region"
      aria-label="Selected monitors"
      data-testid="selection-bar"
      className="sticky top-14 z-20 flex flex-wrap items-center gap-2 rounded-lg border border-sky-300 bg-sky-50/95 px-3 py-2 shadow-sm backdrop-blur dark:border-sky-900 dark:bg-sky-950/90"
    >
      <span className="mr-1 text-sm font-semibold" aria-live="polite">
        {monitorsWord(count)} selected
      </span>
      <Button size="sm" disabled={busy} onClick={() => onAction({ action: 'pause' })}>
        Pause
      </Button>
      <Button size="sm" disabled={busy} onClick={() => onAction({ action: 'resume' })}>
        Resume
      </Button>
      {tags.length ? (
        <>
          <select
            aria-label="Add a tag to the selected monitors"
            className={select}
            value=""
            disabled={busy}
            onChange={(e) => e.target.value && onAction({ action: 'addTag', tagId: e.target.value })}
          >
            <option value="">Add tag…</option>
            {tags.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
          <select
            aria-label="Remove a tag from the selected monitors"
            className={select}
            value=""
            disabled={busy}
            onChange={(e) => e.target.value && onAction({ action: 'removeTag', tagId: e.target.value })}
          >
            <option value="">Remove tag…</option>
            {tags.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </>
      ) : null}
      <Button size="sm" disabled={busy} onClick={onChannels}>
        Notification channels…
      </Button>
      <Button size="sm" variant="danger" disabled={busy} onClick={onDelete}>
        Delete…
      </Button>
      <Button size="sm" variant="ghost" className="ml-auto" onClick={onClear}>
        Clear selection
      </Button>
    </div>
  );
}
