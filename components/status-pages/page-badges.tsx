import { cn } from '@/components/ui/cn';

// A page's state as a word with a mark, never colour alone.

const pill = 'inline-flex h-6 items-center gap-1 rounded-full px-2 text-xs font-semibold ring-1 ring-inset';

export function PublishedBadge({ published }: { published: boolean }) {
  return published ? (
    <span data-page-state="published" className={cn(pill, 'bg-green-50 text-green-800 ring-green-600/30 dark:bg-green-950/60 dark:text-green-300 dark:ring-green-500/30')}>
      <span aria-hidden="true">●</span>
      Published
    </span>
  ) : (
    <span data-page-state="draft" className={cn(pill, 'bg-zinc-100 text-zinc-700 ring-zinc-500/30 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-500/40')}>
      <span aria-hidden="true">○</span>
      Draft
    </span>
  );
}

export function PasswordMark() {
  return (
    <span data-page-state="password" className={cn(pill, 'bg-amber-50 text-amber-800 ring-amber-600/30 dark:bg-amber-950/50 dark:text-amber-300 dark:ring-amber-500/30')}>
      <svg viewBox="0 0 12 12" className="size-3" aria-hidden="true">
        <rect x="2" y="5.5" width="8" height="5.5" rx="1" fill="currentColor" />
        <path d="M4 5.5V4a2 2 0 0 1 4 0v1.5" fill="none" stroke="currentColor" strokeWidth="1.4" />
      </svg>
      Password
    </span>
  );
}
