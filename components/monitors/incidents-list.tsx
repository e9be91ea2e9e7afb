'use client';

import type { IncidentDto } from '@/lib/dto';
import { causeLabel } from '@/lib/domain/cause-labels';
import { formatSecondsCoarse } from '@/lib/shared/durations';
import { LocalTime } from '@/components/ui/time';
import { cn } from '@/components/ui/cn';

/** What an incident was: an outage (DOWN) or slowness (DEGRADED: up, but over its thresholds). */
const KIND = {
  DOWN: { label: 'Outage', ongoing: 'text-red-700 dark:text-red-400' },
  DEGRADED: { label: 'Slowness', ongoing: 'text-amber-700 dark:text-amber-400' },
} as const;

/** Outages and slowness, newest first: which, when, how long, why, and the first and last error seen. */
export function IncidentsList({ incidents }: { incidents: IncidentDto[] }) {
  if (incidents.length === 0) {
    return <p className="px-4 py-6 text-center text-sm text-zinc-500 dark:text-zinc-400">No incidents recorded.</p>;
  }
  return (
    <ul className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800/70">
      {incidents.map((i) => (
        <IncidentItem key={i.id} incident={i} />
      ))}
    </ul>
  );
}

function IncidentItem({ incident: i }: { incident: IncidentDto }) {
  const kind = KIND[i.kind] ?? KIND.DOWN;
  const cause = i.kind === 'DOWN' ? causeLabel(i.cause) : null;
  return (
    <li data-incident-id={i.id} data-ongoing={i.ongoing} data-kind={i.kind} className="space-y-1 px-4 py-2.5">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5">
        <span className={cn('inline-flex items-center gap-1 text-xs font-semibold', i.ongoing ? kind.ongoing : 'text-zinc-600 dark:text-zinc-400')}>
          <span aria-hidden="true">{i.ongoing ? '●' : '✓'}</span>
          {i.ongoing ? 'Ongoing' : 'Resolved'}
        </span>
        <span className="font-medium" data-incident-kind>
          {kind.label}
        </span>
        {cause ? <span className="text-zinc-600 dark:text-zinc-400">{cause}</span> : null}
        <span className="ml-auto text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
          {i.ongoing ? 'for ' : 'lasted '}
          <span data-duration>{formatSecondsCoarse(i.durationSeconds)}</span>
        </span>
      </div>
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 text-xs text-zinc-600 dark:text-zinc-400">
        <dt>Started</dt>
        <dd className="tabular-nums">
          <LocalTime iso={i.startedAt} />
        </dd>
        <dt>Ended</dt>
        <dd className="tabular-nums" data-ended>
          {i.endedAt ? <LocalTime iso={i.endedAt} /> : 'ongoing'}
        </dd>
        {i.firstError ? (
          <>
            <dt>{i.kind === 'DEGRADED' ? 'First reason' : 'First error'}</dt>
            <dd className="break-words">{i.firstError}</dd>
          </>
        ) : null}
        {i.lastError ? (
          <>
            <dt>{i.kind === 'DEGRADED' ? 'Last reason' : 'Last error'}</dt>
            <dd className="break-words">{i.lastError}</dd>
          </>
        ) : null}
      </dl>
    </li>
  );
}
