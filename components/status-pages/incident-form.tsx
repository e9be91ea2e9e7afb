'use client';

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { IMPACT_LABEL, IMPACTS, type Impact, type IncidentDto, type IncidentStatus, type MonitorChoice } from '@/lib/ui/status-page-form-model';
import { api } from '@/components/api-client';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Field, FieldError, inputClass, Notice } from '@/components/ui/field';
import { MessageField, StatusSelect, topLevelErrors } from '@/components/status-pages/incident-fields';

const SHOWN = new Set(['title', 'impact', 'monitorIds', 'status', 'message']);

/** Opens an incident on the page: what happened, how bad, to which of the page's monitors, and the first update. */
export function IncidentForm({ pageId, monitors, onPosted, onCancel }: { pageId: string; monitors: MonitorChoice[]; onPosted: (i: IncidentDto) => void; onCancel: () => void }) {
  const form = useRef<HTMLFormElement>(null);
  const [title, setTitle] = useState('');
  const [impact, setImpact] = useState<Impact>('minor');
  const [monitorIds, setMonitorIds] = useState<string[]>([]);
  const [status, setStatus] = useState<IncidentStatus>('investigating');
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);

  useEffect(() => {
    if (focusRequest) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  function show(all: Record<string, string>, fallback: string | null) {
    const other = Object.entries(all).filter(([k]) => !SHOWN.has(k));
    setErrors(Object.fromEntries(Object.entries(all).filter(([k]) => SHOWN.has(k))));
    setFormError(other.length ? other.map(([, m]) => m).join('; ') : Object.keys(all).length ? null : fallback);
    setFocusRequest((n) => n + 1);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (title.trim() === '') local.title = 'Enter a title';
    if (message.trim() === '') local.message = 'Tell visitors what is happening';
    if (Object.keys(local).length) return show(local, null);
    setBusy(true);
    setFormError(null);
    const res = await api<{ incident: IncidentDto }>(`/api/status-pages/${pageId}/incidents`, {
      method: 'POST',
      body: { title: title.trim(), impact, monitorIds, status, message: message.trim() },
    });
    setBusy(false);
    if (!res.ok) return show(topLevelErrors(res.error.issues), res.error.message);
    onPosted(res.data.incident);
  }

  const toggle = (id: string, on: boolean) => setMonitorIds((ids) => (on ? [...ids, id] : ids.filter((m) => m !== id)));

  return (
    <form ref={form} onSubmit={submit} noValidate className="space-y-5" aria-labelledby="new-incident-title">
      {formError ? <Notice>{formError}</Notice> : null}
      <Field id="incident-title" label="Title" error={errors.title} hint="Short and plain, e.g. “Slow logins”.">
        {(a11y) => <input {...a11y} className={inputClass} maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <div className="grid gap-5 sm:grid-cols-2">
        <Field id="incident-impact" label="Impact" error={errors.impact}>
          {(a11y) => (
            <select {...a11y} className={inputClass} value={impact} onChange={(e) => setImpact(e.target.value as Impact)}>
              {IMPACTS.map((i) => (
                <option key={i} value={i}>
                  {IMPACT_LABEL[i]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <StatusSelect id="incident-status" value={status} onChange={setStatus} error={errors.status} />
      </div>
      <fieldset aria-describedby={errors.monitorIds ? 'incident-monitors-error' : undefined}>
        <legend className="mb-1.5 block text-sm font-medium text-zinc-800 dark:text-zinc-200">Affected monitors</legend>
        {monitors.length === 0 ? (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">This page shows no monitors yet; the incident will concern the page as a whole.</p>
        ) : (
          <div className="grid gap-2 sm:grid-cols-2">
            {monitors.map((m) => (
              <Checkbox key={m.id} id={`incident-monitor-${m.id}`} label={m.name} checked={monitorIds.includes(m.id)} onChange={(on) => toggle(m.id, on)} />
            ))}
          </div>
        )}
        {errors.monitorIds ? <FieldError id="incident-monitors-error">{errors.monitorIds}</FieldError> : null}
      </fieldset>
      <MessageField id="incident-message" value={message} onChange={setMessage} error={errors.message} />
      <div className="flex flex-wrap gap-2 border-t border-zinc-200 pt-4 dark:border-zinc-800">
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? 'Posting…' : 'Post incident'}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
