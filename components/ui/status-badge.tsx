import type { DisplayStatus } from '@/lib/ui/view-models';
import { cn } from '@/components/ui/cn';

// Status is always a word plus a shape, never colour alone.
const STYLES: Record<DisplayStatus, { box: string; dot: string }> = {
  UP: { box: 'bg-green-50 text-green-800 ring-green-600/30 dark:bg-green-950/60 dark:text-green-300 dark:ring-green-500/30', dot: 'bg-up' },
  DOWN: { box: 'bg-red-50 text-red-800 ring-red-600/30 dark:bg-red-950/60 dark:text-red-300 dark:ring-red-500/40', dot: 'bg-down' },
  BLOCKED: { box: 'bg-violet-50 text-violet-800 ring-violet-600/30 dark:bg-violet-950/50 dark:text-violet-300 dark:ring-violet-500/40', dot: 'bg-violet-600' },
  PENDING: { box: 'bg-zinc-100 text-zinc-700 ring-zinc-500/30 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-500/40', dot: 'bg-pending' },
  MAINTENANCE: { box: 'bg-blue-50 text-blue-800 ring-blue-600/30 dark:bg-blue-950/50 dark:text-blue-300 dark:ring-blue-500/40', dot: 'bg-blue-600' },
  PAUSED: { box: 'bg-amber-50 text-amber-800 ring-amber-600/30 dark:bg-amber-950/50 dark:text-amber-300 dark:ring-amber-500/30', dot: 'bg-paused' },
};

export function StatusIcon({ status, className }: { status: DisplayStatus; className?: string }) {
  const c = cn('size-3 shrink-0', className);
  switch (status) {
    case 'UP':
      return (
        <svg viewBox="0 0 12 12" className={c} aria-hidden="true">
          <path d="M6 1.5 11 10H1z" fill="currentColor" />
        </svg>
      );
    case 'DOWN':
      return (
        <svg viewBox="0 0 12 12" className={c} aria-hidden="true">
          <path d="M6 10.5 1 2h10z" fill="currentColor" />
        </svg>
      );
    case 'BLOCKED':
      return (
        <svg viewBox="0 0 12 12" className={c} aria-hidden="true">
          <circle cx="6" cy="6" r="4.25" fill="none" stroke="currentColor" strokeWidth="1.5" />
          <path d="M3 9 9 3" stroke="currentColor" strokeWidth="1.5" />
        </svg>
      );
    case 'MAINTENANCE':
      return (
        <svg viewBox="0 0 12 12" className={c} aria-hidden="true">
          <path d="M2 10 7 5M7.5 1.5a3 3 0 0 0 3 3l-1.5 1.5a3 3 0 0 1-3-3z" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      );
    case 'PAUSED':
      return (
        <svg viewBox="0 0 12 12" className={c} aria-hidden="true">
          <path d="M2.5 2h2.5v8H2.5zM7 2h2.5v8H7z" fill="currentColor" />
        </svg>
      );
    default:
      return (
        <svg viewBox="0 0 12 12" className={c} aria-hidden="true">
          <circle cx="6" cy="6" r="4" fill="none" stroke="currentColor" strokeWidth="2" />
        </svg>
      );
  }
}

export function StatusBadge({ status, className }: { status: DisplayStatus; className?: string }) {
  return (
    <span
      data-status={status}
      className={cn('inline-flex h-6 items-center gap-1 rounded-full px-2 text-xs font-semibold tracking-wide ring-1 ring-inset', STYLES[status].box, className)}
    >
      <StatusIcon status={status} />
      {status}
    </span>
  );
}
