'use client';

import { useState, type FormEvent } from 'react';
import { createApiKeySchema, type ApiKeyScope } from '@/lib/schemas/api-key';
import type { ApiKeyDto } from '@/lib/dto/api-keys';
import { api, fieldErrors } from '@/components/api-client';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { Field, inputClass, Notice } from '@/components/ui/field';

// Making a key: name, scope and a lifetime, checked with the API's own schema first; and the
// one moment the key itself is shown, with a copy button.

export interface CreatedKey {
  key: string;
  apiKey: ApiKeyDto;
}

const DAY_MS = 86_400_000;
/** Lifetimes offered, in days; empty: never expires. */
const EXPIRY_CHOICES = [
  { value: '', label: 'Never' },
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
];

export function ApiKeyForm({ onCreated }: { onCreated: (created: CreatedKey) => Promise<void> }) {
  const [name, setName] = useState('');
  const [scope, setScope] = useState<ApiKeyScope>('read');
  const [days, setDays] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const body = { name, scope, expiresAt: days ? new Date(Date.now() + Number(days) * DAY_MS).toISOString() : null };
    const parsed = createApiKeySchema.safeParse(body);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues));
      document.getElementById('api-key-name')?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    const res = await api<CreatedKey>('/api/keys', { method: 'POST', body });
    setBusy(false);
    if (res.ok) {
      setName('');
      await onCreated(res.data);
      return;
    }
    const byField = fieldErrors(res.error.issues);
    if (Object.keys(byField).length) setErrors(byField);
    else setFormError(res.error.message);
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label="Create an API key">
      {formError ? <Notice>{formError}</Notice> : null}
      <div className="grid gap-3 sm:grid-cols-[2fr_1fr_1fr]">
        <Field id="api-key-name" label="Key name" error={errors.name} hint="What uses it, e.g. “CI deploy”.">
          {(a11y) => <input {...a11y} name="name" maxLength={100} className={inputClass} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field id="api-key-scope" label="Access" error={errors.scope}>
          {(a11y) => (
            <select {...a11y} name="scope" className={inputClass} value={scope} onChange={(e) => setScope(e.target.value as ApiKeyScope)}>
              <option value="read">Read only</option>
              <option value="write">Read and write</option>
            </select>
          )}
        </Field>
        <Field id="api-key-expiry" label="Expires after" error={errors.expiresAt}>
          {(a11y) => (
            <select {...a11y} name="expiry" className={inputClass} value={days} onChange={(e) => setDays(e.target.value)}>
              {EXPIRY_CHOICES.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Button type="submit" variant="primary" disabled={busy}>
        {busy ? 'Creating…' : 'Create key'}
      </Button>
    </form>
  );
}

/** The new key, this once: the server keeps only its hash. */
export function NewApiKeyNotice({ created, onDone }: { created: CreatedKey; onDone: () => void }) {
  return (
    <Notice tone="success" className="space-y-2">
      <p>
        <strong>Copy the key “{created.apiKey.name}” now.</strong> It will not be shown again; if it is lost, revoke it and make a new one.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <input
          id="new-api-key"
          data-testid="new-api-key"
          readOnly
          aria-label="New API key"
          className={`${inputClass} min-w-0 flex-1 font-mono text-xs`}
          value={created.key}
          onFocus={(e) => e.currentTarget.select()}
        />
        <CopyButton text={created.key} label="Copy the new API key" sourceId="new-api-key" />
        <Button size="sm" variant="ghost" onClick={onDone}>
          Done
        </Button>
      </div>
    </Notice>
  );
}
