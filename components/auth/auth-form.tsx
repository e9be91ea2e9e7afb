'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { loginSchema, signupSchema } from '@/lib/schemas/auth';
import { api, fieldErrors } from '@/components/api-client';
import { Button } from '@/components/ui/button';
import { Field, inputClass, Notice } from '@/components/ui/field';

type Mode = 'login' | 'signup';
type Values = { email: string; password: string };

const COPY = {
  login: { submit: 'Log in', busy: 'Logging in…', endpoint: '/api/auth/login', schema: loginSchema },
  signup: { submit: 'Sign up', busy: 'Creating account…', endpoint: '/api/auth/signup', schema: signupSchema },
} as const;

export function AuthForm({ mode }: { mode: Mode }) {
  const router = useRouter();
  const copy = COPY[mode];
  const [values, setValues] = useState<Values>({ email: '', password: '' });
  const [touched, setTouched] = useState<Record<keyof Values, boolean>>({ email: false, password: false });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // The API's own schema, run in the browser: the same messages appear before and after a round trip.
  const validate = (v: Values) => {
    const parsed = copy.schema.safeParse(v);
    return parsed.success ? {} : fieldErrors(parsed.error.issues);
  };

  function update(name: keyof Values, value: string) {
    const next = { ...values, [name]: value };
    setValues(next);
    if (touched[name]) setErrors((e) => ({ ...e, [name]: validate(next)[name] ?? '' }));
  }

  function blur(name: keyof Values) {
    setTouched((t) => ({ ...t, [name]: true }));
    if (values[name] !== '') setErrors((e) => ({ ...e, [name]: validate(values)[name] ?? '' }));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    setTouched({ email: true, password: true });
    const local = validate(values);
    setErrors(local);
    if (Object.keys(local).length) {
      document.getElementById(`${mode}-${Object.keys(local)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    const res = await api(copy.endpoint, { method: 'POST', body: values });
    if (res.ok) {
      router.replace('/');
      router.refresh();
      return;
    }
    setBusy(false);
    const byField = fieldErrors(res.error.issues);
    if (res.error.code === 'conflict') byField.email = res.error.message;
    if (Object.keys(byField).length) setErrors(byField);
    else setFormError(res.error.message);
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-describedby={formError ? `${mode}-form-error` : undefined}>
      {formError ? (
        <div id={`${mode}-form-error`}>
          <Notice>{formError}</Notice>
        </div>
      ) : null}
      <Field id={`${mode}-email`} label="Email" error={errors.email || undefined}>
        {(a11y) => (
          <input
            {...a11y}
            name="email"
            type="email"
            autoComplete="email"
            required
            className={inputClass}
            value={values.email}
            onChange={(e) => update('email', e.target.value)}
            onBlur={() => blur('email')}
          />
        )}
      </Field>
      <Field
        id={`${mode}-password`}
        label="Password"
        error={errors.password || undefined}
        hint={mode === 'signup' ? 'At least 8 characters.' : undefined}
      >
        {(a11y) => (
          <input
            {...a11y}
            name="password"
            type="password"
            autoComplete={mode === 'signup' ? 'new-password' : 'current-password'}
            required
            className={inputClass}
            value={values.password}
            onChange={(e) => update('password', e.target.value)}
            onBlur={() => blur('password')}
          />
        )}
      </Field>
      <Button type="submit" variant="primary" className="w-full" disabled={busy}>
        {busy ? copy.busy : copy.submit}
      </Button>
      <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">
        {mode === 'login' ? (
          <>
            New to Pingboard?{' '}
            <Link href="/signup" className="font-medium text-zinc-900 underline underline-offset-2 dark:text-zinc-100">
              Create an account
            </Link>
          </>
        ) : (
          <>
            Already have an account?{' '}
            <Link href="/login" className="font-medium text-zinc-900 underline underline-offset-2 dark:text-zinc-100">
              Log in
            </Link>
          </>
        )}
      </p>
    </form>
  );
}
