'use client';

import { useState, type FormEvent } from 'react';
import { changePasswordSchema } from '@/lib/schemas/auth';
import { api, fieldErrors } from '@/components/api-client';
import { Button } from '@/components/ui/button';
import { Field, inputClass, Notice } from '@/components/ui/field';

// Change password: the API's schema checks it in the browser first; the answer carries a new
// session cookie, so this browser stays signed in while every other session ends.

type Values = { currentPassword: string; newPassword: string; confirm: string };
const EMPTY: Values = { currentPassword: '', newPassword: '', confirm: '' };

function localErrors(v: Values): Record<string, string> {
  const parsed = changePasswordSchema.safeParse({ currentPassword: v.currentPassword, newPassword: v.newPassword });
  const errors = parsed.success ? {} : fieldErrors(parsed.error.issues);
  if (!errors.newPassword && v.confirm !== v.newPassword) errors.confirm = 'The two new passwords differ';
  return errors;
}

export function PasswordForm() {
  const [values, setValues] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof Values, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setDone(false);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    setDone(false);
    const local = localErrors(values);
    setErrors(local);
    if (Object.keys(local).length) {
      document.getElementById(`settings-${Object.keys(local)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    const res = await api('/api/auth/password', { method: 'POST', body: { currentPassword: values.currentPassword, newPassword: values.newPassword } });
    setBusy(false);
    if (res.ok) {
      setValues(EMPTY);
      setDone(true);
      return;
    }
    const byField = fieldErrors(res.error.issues);
    if (Object.keys(byField).length) setErrors(byField);
    else setFormError(res.error.message);
  }

  const input = (key: keyof Values, label: string, autoComplete: string, hint?: string) => (
    <Field id={`settings-${key}`} label={label} error={errors[key]} hint={hint}>
      {(a11y) => <input {...a11y} type="password" name={key} autoComplete={autoComplete} className={inputClass} value={values[key]} onChange={(e) => set(key, e.target.value)} />}
    </Field>
  );

  return (
    <form onSubmit={submit} noValidate className="space-y-4 p-4" aria-label="Change password">
      {formError ? <Notice>{formError}</Notice> : null}
      {done ? (
        <Notice tone="success">
          <span data-testid="password-changed">Password changed. Every other session of this account has been logged out; this one stays signed in.</span>
        </Notice>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-3">
        {input('currentPassword', 'Current password', 'current-password')}
        {input('newPassword', 'New password', 'new-password', '8 to 72 bytes.')}
        {input('confirm', 'Repeat new password', 'new-password')}
      </div>
      <Button type="submit" variant="primary" disabled={busy}>
        {busy ? 'Changing…' : 'Change password'}
      </Button>
    </form>
  );
}
