import { IMPACT_LABEL, STATUS_LABEL, type Impact, type IncidentStatus } from '@/lib/ui/status-page-form-model';
import { cn } from '@/components/ui/cn';

// An incident's impact and stage, each a word with a mark, never colour alone.

const pill = 'inline-flex h-6 items-center gap-1 rounded-full px-2 text-xs font-semibold ring-1 ring-inset';

const IMPACT_STYLE: Record<Impact, { mark: string; box: string }> = {
  none: { mark: '○', box: 'bg-zinc-100 text-zinc-700 ring-zinc-500/30 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-500/40' },
  minor: { mark: '◔', box: 'bg-amber-50 text-amber-800 ring-amber-600/30 dark:bg-amber-950/50 dark:text-amber-300 dark:ring-amber-500/30' },
  major: { mark: '◑', box: 'bg-orange-50 text-orange-800 ring-orange-600/30 dark:bg-orange-950/50 dark:text-orange-300 dark:ring-orange-500/30' },
  critical: { mark: '●', box: 'bg-red-50 text-red-800 ring-red-600/30 dark:bg-red-950/60 dark:text-red-300 dark:ring-red-500/40' },
};

export function ImpactBadge({ impact }: { impact: Impact }) {
  const s = IMPACT_STYLE[impact];
  return (
    <span data-impact={impact} className={cn(pill, s.box)}>
      <span aria-hidden="true">{s.mark}</span>
      {impact === 'none' ? IMPACT_LABEL.none : `${IMPACT_LABEL[impact]} impact`}
    </span>
  );
}

export function IncidentStatusBadge({ status }: { status: IncidentStatus }) {
  const resolved = status === 'resolved';
  return (
    <span
      data-incident-status={status}
      className={cn(
        pill,
        resolved
          ? 'bg-green-50 text-green-800 ring-green-600/30 dark:bg-green-950/60 dark:text-green-300 dark:ring-green-500/30'
          : 'bg-sky-50 text-sky-800 ring-sky-600/30 dark:bg-sky-950/50 dark:text-sky-300 dark:ring-sky-500/30',
      )}
    >
      <span aria-hidden="true">{resolved ? '✓' : '…'}</span>
      {STATUS_LABEL[status]}
    </span>
  );
}
