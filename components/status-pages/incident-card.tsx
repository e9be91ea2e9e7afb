'use client';

import { STATUS_LABEL, type IncidentDto, type MonitorChoice } from '@/lib/ui/status-page-form-model';
import { api } from '@/components/api-client';
import { LocalTime } from '@/components/ui/time';
import { ConfirmDeleteButton } from '@/components/ui/confirm-delete-button';
import { ImpactBadge, IncidentStatusBadge } from '@/components/status-pages/incident-badges';
import { IncidentUpdateForm } from '@/components/status-pages/incident-update-form';

/** One incident: what it is, whom it touches, its timeline, and (while open) the form for the next update. */
export function IncidentCard({
  pageId,
  incident,
  monitors,
  onChanged,
  onDeleted,
}: {
  pageId: string;
  incident: IncidentDto;
  monitors: MonitorChoice[];
  onChanged: (i: IncidentDto) => void;
  onDeleted: (id: string) => void;
}) {
  const id = `incident-${incident.id}`;
  const affected = incident.monitorIds.map((m) => monitors.find((c) => c.id === m)?.name ?? 'a monitor no longer on the page');
  const open = incident.status !== 'resolved';

  async function remove(): Promise<string | null> {
    const res = await api(`/api/status-pages/${pageId}/incidents/${incident.id}`, { method: 'DELETE' });
    if (!res.ok) return res.error.message;
    onDeleted(incident.id);
    return null;
  }

  return (
    <li data-incident-id={incident.id} data-incident-status={incident.status} aria-labelledby={`${id}-title`} className="space-y-3 px-4 py-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h3 id={`${id}-title`} className="font-medium">
              {incident.title}
            </h3>
            <IncidentStatusBadge status={incident.status} />
            <ImpactBadge impact={incident.impact} />
          </div>
          <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
            Started <LocalTime iso={incident.startedAt} />
            {incident.resolvedAt ? (
              <>
                {' '}
                · resolved <LocalTime iso={incident.resolvedAt} />
              </>
            ) : null}
            {affected.length ? ` · affects ${affected.join(', ')}` : ''}
          </p>
        </div>
        <ConfirmDeleteButton name={incident.title} title={`Delete “${incident.title}”?`} confirmLabel="Delete incident" onDelete={remove}>
          It disappears from the public page and its feed, with all its updates. This cannot be undone.
        </ConfirmDeleteButton>
      </div>
      <ol aria-label={`Timeline of ${incident.title}`} className="space-y-3 border-l-2 border-zinc-200 pl-4 dark:border-zinc-700">
        {incident.updates.map((u) => (
          <li key={u.id} data-update-id={u.id} className="relative">
            <span aria-hidden="true" className="absolute top-1.5 -left-[1.3rem] size-2.5 rounded-full border-2 border-white bg-zinc-400 dark:border-zinc-900 dark:bg-zinc-500" />
            <p className="text-xs text-zinc-500 dark:text-zinc-400">
              <span className="font-semibold text-zinc-800 dark:text-zinc-200">{STATUS_LABEL[u.status]}</span> · <LocalTime iso={u.at} />
            </p>
            <p className="mt-0.5 text-sm break-words whitespace-pre-wrap">{u.message}</p>
          </li>
        ))}
      </ol>
      {open ? <IncidentUpdateForm pageId={pageId} incident={incident} onPosted={onChanged} /> : null}
    </li>
  );
}
