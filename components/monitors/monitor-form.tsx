'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { MonitorDto } from '@/lib/dto';
import type { ChannelChoice } from '@/lib/ui/channel-kinds';
import type { MonitorChoice } from '@/lib/page-data/monitors';
import { monitorKind } from '@/lib/monitor-kinds';
import {
  ADVANCED_FIELDS,
  cloneValues,
  hasInputFor,
  initialValues,
  issueErrors,
  NAME_MAX,
  secretsToReenter,
  validate,
  type FormErrors,
  type FormValues,
  type SetValue,
} from '@/lib/ui/monitor-form-model';
import { api } from '@/components/api-client';
import { Button, buttonClass } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Field, inputClass, Notice } from '@/components/ui/field';
import { TypePicker } from '@/components/monitors/form/type-picker';
import { TargetFields } from '@/components/monitors/form/target-fields';
import { ScheduleFields } from '@/components/monitors/form/schedule-fields';
import { AdvancedSection } from '@/components/monitors/form/advanced-section';
import { NotificationFields } from '@/components/monitors/form/notification-fields';
import { BadgeFields } from '@/components/monitors/form/badge-fields';

const opensAdvanced = (errors: FormErrors) => Object.keys(errors).some((k) => ADVANCED_FIELDS.has(k.split('.')[0]));

/** `monitor` edits that monitor; `copyOf` starts a new one from a copy of its settings; neither starts afresh. */
export function MonitorForm({ monitor, copyOf, channels, monitors }: { monitor?: MonitorDto; copyOf?: MonitorDto; channels: ChannelChoice[]; monitors: MonitorChoice[] }) {
  const router = useRouter();
  const editing = Boolean(monitor);
  const form = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<FormValues>(() =>
    copyOf ? cloneValues(copyOf) : initialValues(monitor, channels.filter((c) => c.isDefault).map((c) => c.id)),
  );
  // Read once: the rows to retype, named in the notice for as long as the form is open.
  const [reenter] = useState(() => secretsToReenter(values));
  const [timeoutTouched, setTimeoutTouched] = useState(false);
  const [errors, setErrors] = useState<FormErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [advancedOpen, setAdvancedOpen] = useState(reenter.length > 0);
  const [publicBadge, setPublicBadge] = useState(monitor?.publicBadge ?? false);
  // Bumped to move focus to the first invalid input once the errors have rendered.
  const [focusRequest, setFocusRequest] = useState(0);

  useEffect(() => {
    if (focusRequest) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  const set: SetValue = (key, value) => {
    const next = { ...values, [key]: value };
    setValues(next);
    if (key === 'timeout') setTimeoutTouched(true);
    if (submitted) setErrors(validate(next, { editing, timeoutTouched: timeoutTouched || key === 'timeout' }).errors);
  };

  function showErrors(all: FormErrors, fallback?: string) {
    const shown = Object.fromEntries(Object.entries(all).filter(([k]) => hasInputFor(k, values)));
    const other = Object.entries(all).filter(([k]) => !hasInputFor(k, values));
    setErrors(shown);
    setFormError(other.length ? other.map(([k, m]) => `${k}: ${m}`).join('; ') : Object.keys(shown).length ? null : (fallback ?? null));
    if (opensAdvanced(shown)) setAdvancedOpen(true);
    setFocusRequest((n) => n + 1);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    setFormError(null);
    const { payload, errors: local } = validate(values, { editing, timeoutTouched });
    if (Object.keys(local).length) {
      showErrors(local);
      return;
    }
    setBusy(true);
    // Sent only when switched, so a form that leaves the badge alone sends what it always did.
    const badged = publicBadge === (monitor?.publicBadge ?? false) ? payload : { ...payload, publicBadge };
    // A clone keeps its source's tags, which this form has no inputs for.
    const body = copyOf?.tagIds.length ? { ...badged, tagIds: copyOf.tagIds } : badged;
    const res = editing
      ? await api<{ monitor: MonitorDto }>(`/api/monitors/${monitor!.id}`, { method: 'PATCH', body })
      : await api<{ monitor: MonitorDto }>('/api/monitors', { method: 'POST', body });
    if (res.ok) {
      // A new push monitor goes straight to its page, where its secret URL is.
      const id = res.data.monitor.id;
      router.push(editing || monitorKind(values.type).needsPushToken ? `/monitors/${id}` : '/');
      router.refresh();
      return;
    }
    setBusy(false);
    showErrors(issueErrors(res.error.issues), res.error.message);
  }

  const parts = { values, errors, set };
  return (
    <form ref={form} onSubmit={submit} noValidate className="space-y-5">
      {formError ? <Notice>{formError}</Notice> : null}
      {copyOf ? (
        <Notice tone="info">
          <span data-testid="clone-notice">
            A copy of <strong>{copyOf.name}</strong>, with its channels and tags: nothing is saved until you create it.
            {reenter.length ? (
              <>
                {' '}
                Secret header values cannot be read back, so type {reenter.length === 1 ? 'this one' : 'these'} again under Advanced options:{' '}
                <strong className="font-mono">{reenter.join(', ')}</strong>.
              </>
            ) : null}
          </span>
        </Notice>
      ) : null}
      <Field
        id="name"
        label="Name"
        error={errors.name}
        hint={values.name.length > NAME_MAX - 20 ? `${values.name.length} of ${NAME_MAX} characters` : undefined}
      >
        {(a11y) => (
          <input {...a11y} name="name" className={inputClass} value={values.name} maxLength={NAME_MAX} placeholder="Marketing site" onChange={(e) => set('name', e.target.value)} />
        )}
      </Field>
      <TypePicker value={values.type} onChange={(t) => set('type', t)} />
      <TargetFields {...parts} />
      <ScheduleFields {...parts} editing={editing} />
      <Checkbox id="active" label="Active" checked={values.active} onChange={(c) => set('active', c)} error={errors.active} hint="Unchecked monitors are paused: no checks, no alerts." />
      <NotificationFields {...parts} channels={channels} />
      <BadgeFields checked={publicBadge} onChange={setPublicBadge} saved={monitor?.publicBadge ?? false} badgeUrl={monitor?.badgeUrl ?? null} />
      <AdvancedSection {...parts} open={advancedOpen} onToggle={setAdvancedOpen} monitors={monitors} selfId={monitor?.id ?? null} />
      <div className="flex flex-wrap gap-2 border-t border-zinc-200 pt-4 dark:border-zinc-800">
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? 'Saving…' : editing ? 'Save changes' : 'Create monitor'}
        </Button>
        <Link href={editing ? `/monitors/${monitor!.id}` : copyOf ? `/monitors/${copyOf.id}` : '/'} className={buttonClass('ghost')}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
