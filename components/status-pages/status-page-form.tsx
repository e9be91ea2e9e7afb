'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  checkPage,
  hasPageInput,
  initialPageValues,
  pageBody,
  pageErrors,
  slugify,
  type FormErrors,
  type MonitorChoice,
  type PageFormValues,
  type StatusPageDto,
} from '@/lib/ui/status-page-form-model';
import { api } from '@/components/api-client';
import { Button, buttonClass } from '@/components/ui/button';
import { Notice } from '@/components/ui/field';
import { PageSettingsFields, type SetPageValue } from '@/components/status-pages/page-settings-fields';
import { SectionsEditor } from '@/components/status-pages/sections-editor';

/** Creates a status page, or edits one; either way one request carries the whole page. */
export function StatusPageForm({ page, monitors, origin }: { page?: StatusPageDto; monitors: MonitorChoice[]; origin: string }) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [saved, setSaved] = useState<StatusPageDto | undefined>(page);
  const editing = Boolean(saved);
  const hadPassword = saved?.hasPassword ?? false;
  const [values, setValues] = useState<PageFormValues>(() => initialPageValues(page));
  const [slugTouched, setSlugTouched] = useState(editing);
  const [errors, setErrors] = useState<FormErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);

  useEffect(() => {
    if (focusRequest) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  const set: SetPageValue = (key, value) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (key === 'slug') setSlugTouched(true);
    // An input's error goes once its value changes; the server judges it again on save.
    setErrors((all) => Object.fromEntries(Object.entries(all).filter(([k]) => k !== key && !(key === 'sections' && k.startsWith('sections.')))));
    setNotice(null);
  };

  function setTitle(title: string) {
    setValues((v) => ({ ...v, title, slug: slugTouched ? v.slug : slugify(title) }));
    setNotice(null);
  }

  function showErrors(all: FormErrors, fallback?: string) {
    const shown = Object.fromEntries(Object.entries(all).filter(([k]) => hasPageInput(k, values)));
    const other = Object.entries(all).filter(([k]) => !hasPageInput(k, values));
    setErrors(shown);
    setFormError(other.length ? other.map(([k, m]) => (k === '_form' ? m : `${k}: ${m}`)).join('; ') : Object.keys(shown).length ? null : (fallback ?? null));
    setFocusRequest((n) => n + 1);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    setNotice(null);
    const local = checkPage(values, hadPassword);
    if (Object.keys(local).length) return showErrors(local);
    setBusy(true);
    const body = pageBody(values, hadPassword);
    const res = saved
      ? await api<{ statusPage: StatusPageDto }>(`/api/status-pages/${saved.id}`, { method: 'PATCH', body })
      : await api<{ statusPage: StatusPageDto }>('/api/status-pages', { method: 'POST', body });
    setBusy(false);
    if (!res.ok) return showErrors(pageErrors(res.error), res.error.message);
    const next = res.data.statusPage;
    setErrors({});
    if (!saved) {
      // The edit page shows the public URL, with a note that the page was just created.
      router.push(`/status-pages/${next.id}?created=1`);
      return;
    }
    setSaved(next);
    setValues(initialPageValues(next));
    setNotice('Changes saved.');
    // The header and the public URL above the form are the server's: render them again (and drop ?created).
    router.replace(`/status-pages/${next.id}`, { scroll: false });
    router.refresh();
  }

  return (
    <form ref={form} onSubmit={submit} noValidate className="space-y-5" aria-label={editing ? 'Edit status page' : 'New status page'}>
      {formError ? <Notice>{formError}</Notice> : null}
      <PageSettingsFields values={values} errors={errors} set={set} onTitle={setTitle} hadPassword={hadPassword} origin={origin} />
      <SectionsEditor values={values} errors={errors} monitors={monitors} onChange={(sections) => set('sections', sections)} />
      <div aria-live="polite">{notice ? <Notice tone="success">{notice}</Notice> : null}</div>
      <div className="flex flex-wrap items-center gap-2 border-t border-zinc-200 pt-4 dark:border-zinc-800">
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? 'Saving…' : editing ? 'Save changes' : 'Create status page'}
        </Button>
        <Link href="/status-pages" className={buttonClass('ghost')}>
          {editing ? 'Back to the list' : 'Cancel'}
        </Link>
      </div>
    </form>
  );
}
