import type { TagInfo } from '@/lib/ui/dashboard-list';
import { cn } from '@/components/ui/cn';

/** A tag as a small pill: its colour as a dot (the name says it, not the colour alone). */
export function TagChip({ tag, className }: { tag: TagInfo; className?: string }) {
  return (
    <span
      data-tag-chip={tag.id}
      className={cn(
        'inline-flex max-w-[9rem] min-w-0 items-center gap-1 rounded-full border border-zinc-200 bg-zinc-50 px-1.5 text-xs leading-5 text-zinc-700 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-200',
        className,
      )}
    >
      <span aria-hidden="true" className="size-2 shrink-0 rounded-full" style={{ backgroundColor: tag.color }} />
      <span className="truncate">{tag.name}</span>
    </span>
  );
}
