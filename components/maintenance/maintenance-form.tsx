'use client';

import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import {
  browserTimeZone,
  hasMaintenanceInput,
  initialMaintenanceValues,
  maintenanceBody,
  maintenanceIssueKey,
  type FormErrors,
  type MaintenanceDto,
  type MaintenanceFormValues,
} from '@/lib/ui/maintenance-form-model';
import type { MonitorChoice } from '@/lib/ui/status-page-form-model';
import { api } from '@/components/api-client';
import { Button } from '@/components/ui/button';
import { Field, inputClass, Notice } from '@/components/ui/field';
import { MonitorChecklist } from '@/components/maintenance/monitor-checklist';
import { ScheduleFields, type SetMaintenanceValue } from '@/components/maintenance/schedule-fields';

/** Adds a maintenance window or edits one. It is shown only after a click, so the browser's zone is known. */
export function MaintenanceForm({
  maintenance,
  monitors,
  onSaved,
  onCancel,
}: {
  maintenance?: MaintenanceDto;
  monitors: MonitorChoice[];
  onSaved: (m: MaintenanceDto) => void;
  onCancel: () => void;
}) {
  const idPrefix = `mw${useId().replace(/[^A-Za-z0-9]/g, '')}`;
  const editing = Boolean(maintenance);
  const form = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<MaintenanceFormValues>(() => initialMaintenanceValues(maintenance, browserTimeZone()));
  const [errors, setErrors] = useState<FormErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);

  useEffect(() => {
    if (focusRequest) form.current?.querySelector<HTMLElement>('[aria-invalid="true"], fieldset[aria-describedby] input')?.focus();
  }, [focusRequest]);

  const set: SetMaintenanceValue = (key, value) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors({});
  };

  function showErrors(all: FormErrors, fallback: string | null) {
    const shown = Object.fromEntries(Object.entries(all).filter(([k]) => hasMaintenanceInput(k, values)));
    const other = Object.entries(all).filter(([k]) => !hasMaintenanceInput(k, values));
    setErrors(shown);
    setFormError(other.length ? other.map(([, m]) => m).join('; ') : Object.keys(shown).length ? null : fallback);
    setFocusRequest((n) => n + 1);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const { body, errors: local } = maintenanceBody(values);
    if (Object.keys(local).length) return showErrors(local, null);
    setBusy(true);
    const res = editing
      ? await api<{ maintenance: MaintenanceDto }>(`/api/maintenance/${maintenance!.id}`, { method: 'PATCH', body })
      : await api<{ maintenance: MaintenanceDto }>('/api/maintenance', { method: 'POST', body });
    setBusy(false);
    if (res.ok) return onSaved(res.data.maintenance);
    const all: FormErrors = {};
    for (const i of res.error.issues ?? []) all[maintenanceIssueKey(i.path)] ??= i.message;
    showErrors(all, res.error.message);
  }

  return (
    <form ref={form} onSubmit={submit} noValidate className="space-y-5" aria-label={editing ? `Edit ${maintenance!.title}` : 'Add a maintenance window'}>
      {formError ? <Notice>{formError}</Notice> : null}
      <Field id={`${idPrefix}-title`} label="Title" error={errors.title} hint="Shown on your status pages while the window is on, e.g. “Database upgrade”.">
        {(a11y) => <input {...a11y} className={inputClass} maxLength={200} value={values.title} onChange={(e) => set('title', e.target.value)} />}
      </Field>
      <MonitorChecklist
        idPrefix={idPrefix}
        monitors={monitors}
        all={values.allMonitors}
        selected={values.monitorIds}
        onAll={(all) => set('allMonitors', all)}
        onSelected={(ids) => set('monitorIds', ids)}
        error={errors.monitorIds}
      />
      <ScheduleFields idPrefix={idPrefix} values={values} errors={errors} set={set} />
      <p className="rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 text-sm text-zinc-700 dark:border-zinc-800 dark:bg-zinc-800/40 dark:text-zinc-300">
        During the window checks go on and are stored, but a failure opens no incident and sends no alert, and status pages say “Under maintenance”.
      </p>
      <div className="flex flex-wrap gap-2 border-t border-zinc-200 pt-4 dark:border-zinc-800">
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? 'Saving…' : editing ? 'Save changes' : 'Add window'}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
