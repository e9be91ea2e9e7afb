'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { move, nextKey, usedMonitorIds, type FormErrors, type MonitorChoice, type PageFormValues, type SectionRow } from '@/lib/ui/status-page-form-model';
import { Button } from '@/components/ui/button';
import { FieldError } from '@/components/ui/field';
import { SectionEditor } from '@/components/status-pages/section-editor';

/**
 * The page's sections in order, each with its monitors. Every change is local until the form is
 * saved, which sends the whole list. After a move, focus stays on the control that was pressed
 * (or its twin, once it has reached the edge), so the keyboard can keep moving the same row.
 */
export function SectionsEditor({
  values,
  errors,
  onChange,
  monitors,
}: {
  values: PageFormValues;
  errors: FormErrors;
  onChange: (sections: SectionRow[]) => void;
  monitors: MonitorChoice[];
}) {
  const sections = values.sections;
  const [focusId, setFocusId] = useState<string | null>(null);
  const used = usedMonitorIds(values);

  useEffect(() => {
    if (!focusId) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId]);

  const update = (i: number, next: SectionRow) => onChange(sections.map((s, j) => (j === i ? next : s)));

  function moveSection(i: number, by: -1 | 1) {
    const to = i + by;
    onChange(move(sections, i, by));
    const key = sections[i].key;
    const atEdge = to === 0 || to === sections.length - 1;
    setFocusId(`section-${key}-${atEdge ? (by < 0 ? 'down' : 'up') : by < 0 ? 'up' : 'down'}`);
  }

  function removeSection(i: number) {
    onChange(sections.filter((_, j) => j !== i));
    const neighbour = sections[i + 1] ?? sections[i - 1];
    setFocusId(neighbour ? `section-${neighbour.key}-name` : 'add-section');
  }

  function addSection() {
    const key = nextKey(sections);
    onChange([...sections, { key, name: '', monitors: [] }]);
    setFocusId(`section-${key}-name`);
  }

  return (
    <fieldset aria-describedby={errors.sections ? 'sections-error' : undefined}>
      <legend className="mb-1 block text-sm font-medium text-zinc-800 dark:text-zinc-200">Sections</legend>
      <p className="mb-3 text-xs text-zinc-500 dark:text-zinc-400">Group the monitors as your visitors think of them, e.g. “Website”, “API”, “Databases”. Each monitor can appear once per page.</p>
      {monitors.length === 0 ? (
        <p className="mb-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
          You have no monitors yet, so there is nothing to show.{' '}
          <Link href="/monitors/new" className="font-medium underline underline-offset-2 hover:no-underline">
            Add a monitor
          </Link>
        </p>
      ) : null}
      {sections.length === 0 ? <p className="text-sm text-zinc-500 dark:text-zinc-400">No sections: the page would be empty.</p> : null}
      <ol className="space-y-3">
        {sections.map((s, i) => (
          <SectionEditor
            key={s.key}
            section={s}
            index={i}
            count={sections.length}
            errors={errors}
            monitors={monitors}
            used={used}
            onChange={(next) => update(i, next)}
            onMove={(by) => moveSection(i, by)}
            onRemove={() => removeSection(i)}
            onFocus={setFocusId}
          />
        ))}
      </ol>
      {errors.sections ? <FieldError id="sections-error">{errors.sections}</FieldError> : null}
      <Button id="add-section" size="sm" className="mt-3" onClick={addSection}>
        + Add section
      </Button>
    </fieldset>
  );
}
