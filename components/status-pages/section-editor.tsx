'use client';

import { useState } from 'react';
import { move, nextKey, type FormErrors, type MonitorChoice, type MonitorRow, type SectionRow } from '@/lib/ui/status-page-form-model';
import { Button } from '@/components/ui/button';
import { FieldError, inputClass } from '@/components/ui/field';
import { MonitorRowEditor } from '@/components/status-pages/monitor-row-editor';
import { MoveButtons } from '@/components/status-pages/move-buttons';

/** One section: its name, its place, its monitors and a picker for more. */
export function SectionEditor({
  section,
  index,
  count,
  errors,
  monitors,
  used,
  onChange,
  onMove,
  onRemove,
  onFocus,
}: {
  section: SectionRow;
  index: number;
  count: number;
  errors: FormErrors;
  monitors: MonitorChoice[];
  /** Monitor ids already on the page, in any section. */
  used: Set<string>;
  onChange: (next: SectionRow) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
  onFocus: (id: string) => void;
}) {
  const id = `section-${section.key}`;
  const label = section.name.trim() || `${index + 1}`;
  const nameError = errors[`sections.${index}.name`];
  const listError = errors[`sections.${index}.monitors`] ?? errors[`sections.${index}`];
  const available = monitors.filter((m) => !used.has(m.id));
  const [picked, setPicked] = useState('');
  const choice = available.some((m) => m.id === picked) ? picked : (available[0]?.id ?? '');
  const nameOf = (monitorId: string) => monitors.find((m) => m.id === monitorId)?.name ?? 'Deleted monitor';

  const setMonitors = (rows: MonitorRow[]) => onChange({ ...section, monitors: rows });

  function addMonitor() {
    if (!choice) return;
    const key = nextKey(section.monitors);
    setMonitors([...section.monitors, { key, monitorId: choice, displayName: '', showDetails: false }]);
    setPicked('');
    onFocus(`${id}-monitor-${key}-display`);
  }

  function moveMonitor(i: number, by: -1 | 1) {
    const to = i + by;
    const key = section.monitors[i].key;
    setMonitors(move(section.monitors, i, by));
    const atEdge = to === 0 || to === section.monitors.length - 1;
    onFocus(`${id}-monitor-${key}-${atEdge ? (by < 0 ? 'down' : 'up') : by < 0 ? 'up' : 'down'}`);
  }

  function removeMonitor(i: number) {
    setMonitors(section.monitors.filter((_, j) => j !== i));
    const neighbour = section.monitors[i + 1] ?? section.monitors[i - 1];
    onFocus(neighbour ? `${id}-monitor-${neighbour.key}-display` : `${id}-name`);
  }

  return (
    <li data-section={label} className="rounded-md border border-zinc-200 dark:border-zinc-800" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="sr-only">
        Section {label}
      </h3>
      <div className="flex flex-wrap items-start gap-2 border-b border-zinc-200 bg-zinc-50 px-3 py-2 dark:border-zinc-800 dark:bg-zinc-800/40">
        <div className="min-w-0 flex-1 basis-48">
          <label htmlFor={`${id}-name`} className="sr-only">
            Section {index + 1} name
          </label>
          <input
            id={`${id}-name`}
            className={`${inputClass} font-medium`}
            maxLength={100}
            placeholder="Section name, e.g. Databases"
            value={section.name}
            aria-invalid={Boolean(nameError)}
            aria-describedby={nameError ? `${id}-name-error` : undefined}
            onChange={(e) => onChange({ ...section, name: e.target.value })}
          />
          {nameError ? <FieldError id={`${id}-name-error`}>{nameError}</FieldError> : null}
        </div>
        <div className="flex items-center gap-1">
          <MoveButtons idPrefix={id} what={`section ${label}`} first={index === 0} last={index === count - 1} onMove={onMove} />
          <Button id={`${id}-remove`} size="sm" variant="ghost" className="text-red-700 dark:text-red-400" aria-label={`Remove section ${label}`} onClick={onRemove}>
            <span aria-hidden="true">✕</span>
            <span className="hidden sm:inline">Remove</span>
          </Button>
        </div>
      </div>
      <div className="space-y-3 px-3 py-3">
        {section.monitors.length === 0 ? <p className="text-sm text-zinc-500 dark:text-zinc-400">No monitors in this section yet.</p> : null}
        <ol className="space-y-2" aria-label={`Monitors in ${label}`}>
          {section.monitors.map((m, i) => (
            <MonitorRowEditor
              key={m.key}
              idPrefix={`${id}-monitor-${m.key}`}
              row={m}
              name={nameOf(m.monitorId)}
              first={i === 0}
              last={i === section.monitors.length - 1}
              errors={errors}
              errorPrefix={`sections.${index}.monitors.${i}`}
              sectionLabel={label}
              onChange={(next) => setMonitors(section.monitors.map((r, j) => (j === i ? next : r)))}
              onMove={(by) => moveMonitor(i, by)}
              onRemove={() => removeMonitor(i)}
            />
          ))}
        </ol>
        {listError ? <FieldError id={`${id}-monitors-error`}>{listError}</FieldError> : null}
        {monitors.length === 0 ? null : available.length === 0 ? (
          <p className="text-xs text-zinc-500 dark:text-zinc-400">Every monitor you have is on this page.</p>
        ) : (
          <div className="flex flex-wrap items-center gap-2">
            <label htmlFor={`${id}-pick`} className="sr-only">
              Monitor to add to {label}
            </label>
            <select id={`${id}-pick`} className={`${inputClass} w-auto max-w-full min-w-0 flex-1 sm:max-w-xs`} value={choice} onChange={(e) => setPicked(e.target.value)}>
              {available.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
            <Button size="sm" onClick={addMonitor} aria-label={`Add monitor to ${label}`}>
              + Add monitor
            </Button>
          </div>
        )}
      </div>
    </li>
  );
}
