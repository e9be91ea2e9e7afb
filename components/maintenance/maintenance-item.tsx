'use client';

import { useState } from 'react';
import { describeRecurrence, type MaintenanceDto } from '@/lib/ui/maintenance-form-model';
import type { MonitorChoice } from '@/lib/ui/status-page-form-model';
import { api } from '@/components/api-client';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { ConfirmDeleteButton } from '@/components/ui/confirm-delete-button';
import { MaintenanceForm } from '@/components/maintenance/maintenance-form';
import { formatRange, ViewerRange } from '@/components/maintenance/window-time';

const pill = 'inline-flex h-6 items-center gap-1 rounded-full px-2 text-xs font-semibold ring-1 ring-inset';

/** Now, later, or over: a word with a mark. */
function StateBadge({ m }: { m: MaintenanceDto }) {
  if (m.active) {
    return (
      <span data-maintenance-state="active" className={cn(pill, 'bg-sky-50 text-sky-800 ring-sky-600/30 dark:bg-sky-950/50 dark:text-sky-300 dark:ring-sky-500/30')}>
        <span aria-hidden="true">⚒</span>
        In maintenance now
      </span>
    );
  }
  if (m.nextWindow) {
    return (
      <span data-maintenance-state="scheduled" className={cn(pill, 'bg-zinc-100 text-zinc-700 ring-zinc-500/30 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-500/40')}>
        <span aria-hidden="true">◷</span>
        Scheduled
      </span>
    );
  }
  return (
    <span data-maintenance-state="over" className={cn(pill, 'bg-zinc-50 text-zinc-500 ring-zinc-400/30 dark:bg-zinc-900 dark:text-zinc-400 dark:ring-zinc-600/40')}>
      <span aria-hidden="true">✓</span>
      Over
    </span>
  );
}

/** One window: when, which monitors, and its edit and delete. */
export function MaintenanceItem({ maintenance: m, monitors, onChanged }: { maintenance: MaintenanceDto; monitors: MonitorChoice[]; onChanged: () => Promise<void> }) {
  const [editing, setEditing] = useState(false);
  const covered = m.allMonitors ? 'All monitors' : m.monitorIds.map((id) => monitors.find((c) => c.id === id)?.name ?? 'a deleted monitor').join(', ');
  const schedule = describeRecurrence(m.recurrence) ?? (m.start && m.end ? formatRange(m.start, m.end, m.timeZone) : '—');

  async function remove(): Promise<string | null> {
    const res = await api(`/api/maintenance/${m.id}`, { method: 'DELETE' });
    if (!res.ok) return res.error.message;
    await onChanged();
    return null;
  }

  return (
    <li data-maintenance-id={m.id} aria-labelledby={`mw-${m.id}-title`} className="space-y-3 px-4 py-3">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h2 id={`mw-${m.id}-title`} className="truncate font-medium">
              {m.title}
            </h2>
            <StateBadge m={m} />
          </div>
          <dl className="mt-1 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-sm">
            <dt className="text-zinc-500 dark:text-zinc-400">When</dt>
            <dd data-testid="maintenance-schedule">
              {schedule} <span className="text-xs text-zinc-500 dark:text-zinc-400">({m.timeZone.replaceAll('_', ' ')})</span>
            </dd>
            {m.recurrence && m.nextWindow ? (
              <>
                <dt className="text-zinc-500 dark:text-zinc-400">{m.active ? 'Now' : 'Next'}</dt>
                <dd>
                  <ViewerRange start={m.nextWindow.start} end={m.nextWindow.end} />
                </dd>
              </>
            ) : null}
            <dt className="text-zinc-500 dark:text-zinc-400">Covers</dt>
            <dd className="break-words">{covered}</dd>
          </dl>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Button size="sm" onClick={() => setEditing((v) => !v)} aria-expanded={editing}>
            Edit<span className="sr-only"> {m.title}</span>
          </Button>
          <ConfirmDeleteButton name={m.title} title={`Delete “${m.title}”?`} confirmLabel="Delete window" onDelete={remove}>
            {m.active ? 'The window ends now: failures alert again from the next check.' : 'It will not happen.'} Checks made during past windows stay marked as maintenance.
          </ConfirmDeleteButton>
        </div>
      </div>
      {editing ? (
        <div className="rounded-md border border-zinc-200 p-4 dark:border-zinc-800">
          <MaintenanceForm
            maintenance={m}
            monitors={monitors}
            onCancel={() => setEditing(false)}
            onSaved={async () => {
              setEditing(false);
              await onChanged();
            }}
          />
        </div>
      ) : null}
    </li>
  );
}
