import type { DisplayStatus } from '@/lib/ui/view-models';
import { cn } from '@/components/ui/cn';

// Status is always a word plus a shape, never colour alone. Amber is DEGRADED's (up, but slow),
// so PAUSED is grey; a monitor between statuses (retrying, recovering) gets a phase badge.
const STYLES: Record<DisplayStatus, { box: string; dot: string }> = {
  UP: { box: 'bg-green-50 text-green-800 ring-green-600/30 dark:bg-green-950/60 dark:text-green-300 dark:ring-green-500/30', dot: 'bg-up' },
  DEGRADED: { box: 'bg-amber-50 text-amber-900 ring-amber-500/50 dark:bg-amber-950/50 dark:text-amber-300 dark:ring-amber-500/40', dot: 'bg-amber-500' },
  DOWN: { box: 'bg-red-50 text-red-800 ring-red-600/30 dark:bg-red-950/60 dark:text-red-300 dark:ring-red-500/40', dot: 'bg-down' },
  BLOCKED: { box: 'bg-violet-50 text-violet-800 ring-violet-600/30 dark:bg-violet-950/50 dark:text-violet-300 dark:ring-violet-500/40', dot: 'bg-violet-600' },
  PENDING: { box: 'bg-zinc-100 text-zinc-700 ring-zinc-500/30 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-500/40', dot: 'bg-pending' },
  MAINTENANCE: { box: 'bg-blue-50 text-blue-800 ring-blue-600/30 dark:bg-blue-950/50 dark:text-blue-300 dark:ring-blue-500/40', dot: 'bg-blue-600' },
  PAUSED: { box: 'bg-stone-100 text-stone-700 ring-stone-500/30 dark:bg-stone-800 dark:text-stone-300 dark:ring-stone-500/40', dot: 'bg-stone-500' },
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
    case 'DEGRADED':
      // A gauge needle past the middle: up, but slow.
      return (
        <svg viewBox="0 0 12 12" className={c} aria-hidden="true">
          <path d="M1.5 9a4.5 4.5 0 0 1 9 0" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
          <path d="M6 9 9 4.5" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
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

const PHASE_STYLES = {
  retrying: 'bg-orange-50 text-orange-900 ring-orange-600/40 dark:bg-orange-950/50 dark:text-orange-200 dark:ring-orange-500/40',
  recovering: 'bg-teal-50 text-teal-900 ring-teal-600/40 dark:bg-teal-950/50 dark:text-teal-200 dark:ring-teal-500/40',
} as const;

/** In place of the status while a monitor is between statuses: "retrying (2 of 3)", "recovering (1 of 3)". */
export function PhaseBadge({ phase, label, className }: { phase: keyof typeof PHASE_STYLES; label: string; className?: string }) {
  return (
    <span
      data-status={phase.toUpperCase()}
      data-phase={phase}
      className={cn('inline-flex h-6 items-center gap-1 rounded-full px-2 text-xs font-semibold whitespace-nowrap ring-1 ring-inset', PHASE_STYLES[phase], className)}
    >
      <svg viewBox="0 0 12 12" className="size-3 shrink-0" aria-hidden="true">
        <path d="M10 6a4 4 0 1 1-1.2-2.85M10 1.5v2.5H7.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      {label}
    </span>
  );
}
