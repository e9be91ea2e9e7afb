'use client';

import { useState, type FormEvent } from 'react';
import type { IncidentDto, IncidentStatus } from '@/lib/ui/status-page-form-model';
import { api } from '@/components/api-client';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/field';
import { MessageField, StatusSelect, topLevelErrors } from '@/components/status-pages/incident-fields';

/** Adds a step to an open incident's timeline; "Resolved" closes it. */
export function IncidentUpdateForm({ pageId, incident, onPosted }: { pageId: string; incident: IncidentDto; onPosted: (i: IncidentDto) => void }) {
  const id = `update-${incident.id}`;
  const [status, setStatus] = useState<IncidentStatus>(incident.status);
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (message.trim() === '') {
      setErrors({ message: 'Tell visitors what changed' });
      document.getElementById(`${id}-message`)?.focus();
      return;
    }
    setBusy(true);
    setFormError(null);
    const res = await api<{ incident: IncidentDto }>(`/api/status-pages/${pageId}/incidents/${incident.id}/updates`, { method: 'POST', body: { status, message: message.trim() } });
    setBusy(false);
    if (!res.ok) {
      const all = topLevelErrors(res.error.issues);
      setErrors(all);
      setFormError(all.status || all.message ? null : res.error.message);
      return;
    }
    setMessage('');
    setErrors({});
    onPosted(res.data.incident);
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3 rounded-md border border-zinc-200 p-3 dark:border-zinc-800" aria-label={`Post an update to ${incident.title}`}>
      <h4 className="text-sm font-semibold">Post an update</h4>
      {formError ? <Notice>{formError}</Notice> : null}
      <div className="sm:max-w-xs">
        <StatusSelect id={`${id}-status`} value={status} onChange={setStatus} error={errors.status} />
      </div>
      <MessageField id={`${id}-message`} label="Update" value={message} onChange={setMessage} error={errors.message} />
      <Button type="submit" variant="primary" size="sm" disabled={busy}>
        {busy ? 'Posting…' : 'Post update'}
      </Button>
    </form>
  );
}
