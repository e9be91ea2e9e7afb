'use client';

import { useState, type FormEvent } from 'react';
import { deleteAccountSchema } from '@/lib/schemas/auth';
import { api, fieldErrors } from '@/components/api-client';
import { Button } from '@/components/ui/button';
import { Field, inputClass, Notice } from '@/components/ui/field';

/** Deletes the account and everything in it once the password is given (DELETE /api/auth/me). */
export function DeleteAccount({ email }: { email: string }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const parsed = deleteAccountSchema.safeParse({ password });
    if (!parsed.success) {
      setError(fieldErrors(parsed.error.issues).password ?? 'Enter your password');
      return;
    }
    setError(null);
    setBusy(true);
    const res = await api('/api/auth/me', { method: 'DELETE', body: { password } });
    if (res.ok) {
      window.location.assign('/login');
      return;
    }
    setBusy(false);
    const byField = fieldErrors(res.error.issues);
    if (byField.password) setError(byField.password);
    else setFormError(res.error.message);
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4 p-4" aria-label="Delete account">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Deletes <strong className="text-zinc-900 dark:text-zinc-100">{email}</strong> with all its monitors and their history, notification channels, status
        pages and maintenance windows. Checks stop at once. This cannot be undone.
      </p>
      {formError ? <Notice>{formError}</Notice> : null}
      <Field id="delete-password" label="Your password, to confirm" error={error ?? undefined} className="max-w-sm">
        {(a11y) => <input {...a11y} type="password" name="password" autoComplete="current-password" className={inputClass} value={password} onChange={(e) => setPassword(e.target.value)} />}
      </Field>
      <Button type="submit" variant="danger" disabled={busy}>
        {busy ? 'Deleting…' : 'Delete my account'}
      </Button>
    </form>
  );
}
