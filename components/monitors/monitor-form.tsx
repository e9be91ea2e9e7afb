'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { createMonitorSchema, HTTP_METHODS, monitorConfigIssues, withMonitorDefaults, type CreateMonitorInput } from '@/lib/schemas/monitor';
import type { MonitorDto } from '@/lib/dto';
import { INTERVAL_PRESETS } from '@/lib/ui/view-models';
import { api, fieldErrors } from '@/components/api-client';
import { Button, buttonClass } from '@/components/ui/button';
import { Field, inputClass, Notice } from '@/components/ui/field';

type FieldName = 'name' | 'url' | 'intervalSeconds' | 'timeoutSeconds' | 'method' | 'active';
const FORM_FIELDS: FieldName[] = ['name', 'url', 'intervalSeconds', 'timeoutSeconds', 'method', 'active'];

interface Values {
  name: string;
  url: string;
  interval: string; // a preset's seconds, or 'custom'
  customInterval: string;
  timeout: string;
  method: (typeof HTTP_METHODS)[number];
  active: boolean;
}

function initialValues(m?: MonitorDto): Values {
  const interval = m?.intervalSeconds ?? 60;
  const preset = INTERVAL_PRESETS.some((p) => p.seconds === interval);
  return {
    name: m?.name ?? '',
    url: m?.url ?? '',
    interval: preset ? String(interval) : 'custom',
    customInterval: preset ? '' : String(interval),
    timeout: m ? String(m.timeoutSeconds) : '',
    method: (m?.method as Values['method']) ?? 'GET',
    active: m?.active ?? true,
  };
}

const toNumber = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s));

/** The request body from the form, plus errors zod cannot express for text inputs. */
function buildPayload(v: Values, timeoutTouched: boolean, editing: boolean): { payload: CreateMonitorInput; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const intervalSeconds = v.interval === 'custom' ? toNumber(v.customInterval) : Number(v.interval);
  if (Number.isNaN(intervalSeconds)) errors.intervalSeconds = 'Enter the interval in seconds';
  let timeoutSeconds: number | undefined;
  // An untouched timeout on edit is left to the server, which keeps it within the interval.
  if (v.timeout.trim() !== '' && (!editing || timeoutTouched)) {
    timeoutSeconds = toNumber(v.timeout);
    if (Number.isNaN(timeoutSeconds)) errors.timeoutSeconds = 'Enter the timeout in seconds';
  }
  const payload: CreateMonitorInput = {
    name: v.name,
    type: 'http',
    url: v.url,
    method: v.method,
    intervalSeconds,
    active: v.active,
    ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
  };
  return { payload, errors };
}

/** The shared API schemas, run in the browser: same rules, same messages as the server. */
function validate(v: Values, timeoutTouched: boolean, editing: boolean): { payload: CreateMonitorInput; errors: Record<string, string> } {
  const { payload, errors } = buildPayload(v, timeoutTouched, editing);
  const parsed = createMonitorSchema.safeParse(payload);
  const schemaErrors = parsed.success ? fieldErrors(monitorConfigIssues(withMonitorDefaults(parsed.data))) : fieldErrors(parsed.error.issues);
  return { payload, errors: { ...schemaErrors, ...errors } };
}

export function MonitorForm({ monitor }: { monitor?: MonitorDto }) {
  const router = useRouter();
  const editing = Boolean(monitor);
  const [values, setValues] = useState<Values>(() => initialValues(monitor));
  const [timeoutTouched, setTimeoutTouched] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);

  function set<K extends keyof Values>(key: K, value: Values[K]) {
    const next = { ...values, [key]: value };
    setValues(next);
    if (key === 'timeout') setTimeoutTouched(true);
    if (submitted) setErrors(validate(next, timeoutTouched || key === 'timeout', editing).errors);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    setFormError(null);
    const { payload, errors: local } = validate(values, timeoutTouched, editing);
    setErrors(local);
    if (Object.keys(local).length) {
      focusFirstError(local);
      return;
    }
    setBusy(true);
    const res = editing
      ? await api<{ monitor: MonitorDto }>(`/api/monitors/${monitor!.id}`, { method: 'PATCH', body: stripType(payload) })
      : await api<{ monitor: MonitorDto }>('/api/monitors', { method: 'POST', body: payload });
    if (res.ok) {
      router.push(editing ? `/monitors/${monitor!.id}` : '/');
      router.refresh();
      return;
    }
    setBusy(false);
    const byField = fieldErrors(res.error.issues);
    const known = Object.fromEntries(Object.entries(byField).filter(([k]) => (FORM_FIELDS as string[]).includes(k)));
    setErrors(known);
    const other = Object.entries(byField).filter(([k]) => !(FORM_FIELDS as string[]).includes(k));
    if (other.length) setFormError(other.map(([k, m]) => `${k}: ${m}`).join('; '));
    else if (!Object.keys(known).length) setFormError(res.error.message);
    focusFirstError(known);
  }

  const intervalHint = values.interval === 'custom' ? 'Between 1 second and 1 day.' : undefined;

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      {formError ? <Notice>{formError}</Notice> : null}
      <Field id="name" label="Name" error={errors.name}>
        {(a11y) => (
          <input {...a11y} name="name" className={inputClass} value={values.name} maxLength={200} placeholder="Marketing site" onChange={(e) => set('name', e.target.value)} />
        )}
      </Field>
      <Field id="url" label="URL" error={errors.url} hint="The address Pingboard requests, including http:// or https://.">
        {(a11y) => (
          <input
            {...a11y}
            name="url"
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            className={`${inputClass} font-mono`}
            value={values.url}
            placeholder="https://example.com/health"
            onChange={(e) => set('url', e.target.value)}
          />
        )}
      </Field>
      <div className="grid gap-5 sm:grid-cols-2">
        <Field id="intervalSeconds" label="Interval" error={values.interval === 'custom' ? undefined : errors.intervalSeconds} hint={values.interval === 'custom' ? undefined : 'How often to check.'}>
          {(a11y) => (
            <select {...a11y} name="interval" className={inputClass} value={values.interval} onChange={(e) => set('interval', e.target.value)}>
              {INTERVAL_PRESETS.map((p) => (
                <option key={p.seconds} value={String(p.seconds)}>
                  {p.label}
                </option>
              ))}
              <option value="custom">Custom…</option>
            </select>
          )}
        </Field>
        {values.interval === 'custom' ? (
          <Field id="customInterval" label="Seconds between checks" error={errors.intervalSeconds} hint={intervalHint}>
            {(a11y) => (
              <input
                {...a11y}
                name="customInterval"
                type="number"
                inputMode="numeric"
                min={1}
                max={86400}
                step={1}
                className={inputClass}
                value={values.customInterval}
                onChange={(e) => set('customInterval', e.target.value)}
              />
            )}
          </Field>
        ) : null}
        <Field id="timeoutSeconds" label="Timeout (seconds)" error={errors.timeoutSeconds} hint={editing ? undefined : 'Empty: 10 s, or the interval if shorter.'}>
          {(a11y) => (
            <input
              {...a11y}
              name="timeout"
              type="number"
              inputMode="numeric"
              min={1}
              max={60}
              step={1}
              placeholder="10"
              className={inputClass}
              value={values.timeout}
              onChange={(e) => set('timeout', e.target.value)}
            />
          )}
        </Field>
        <Field id="method" label="Method" error={errors.method}>
          {(a11y) => (
            <select {...a11y} name="method" className={inputClass} value={values.method} onChange={(e) => set('method', e.target.value as Values['method'])}>
              {HTTP_METHODS.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div>
        <label className="inline-flex items-center gap-2 text-sm font-medium">
          <input
            type="checkbox"
            name="active"
            className="size-4 rounded border-zinc-300 accent-zinc-900 dark:accent-zinc-100"
            checked={values.active}
            aria-describedby="active-hint"
            onChange={(e) => set('active', e.target.checked)}
          />
          Active
        </label>
        <p id="active-hint" className="mt-0.5 pl-6 text-xs text-zinc-500 dark:text-zinc-400">
          Unchecked monitors are paused: no checks, no alerts.
        </p>
        {errors.active ? <p className="text-xs text-red-700 dark:text-red-400">{errors.active}</p> : null}
      </div>
      <div className="flex flex-wrap gap-2 border-t border-zinc-200 pt-4 dark:border-zinc-800">
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? 'Saving…' : editing ? 'Save changes' : 'Create monitor'}
        </Button>
        <Link href={editing ? `/monitors/${monitor!.id}` : '/'} className={buttonClass('ghost')}>
          Cancel
        </Link>
      </div>
    </form>
  );
}

function stripType(p: CreateMonitorInput) {
  const { type: _type, ...rest } = p;
  return rest;
}

function focusFirstError(errors: Record<string, string>) {
  const first = FORM_FIELDS.find((f) => errors[f]);
  if (!first) return;
  const id = first === 'intervalSeconds' && document.getElementById('customInterval') ? 'customInterval' : first;
  document.getElementById(id)?.focus();
}
