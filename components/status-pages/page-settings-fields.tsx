import type { FormErrors, PageFormValues } from '@/lib/ui/status-page-form-model';
import { Checkbox } from '@/components/ui/checkbox';
import { Field, inputClass } from '@/components/ui/field';

export type SetPageValue = <K extends keyof PageFormValues>(key: K, value: PageFormValues[K]) => void;

/** What the page says about itself, who may see it, and where. */
export function PageSettingsFields({
  values,
  errors,
  set,
  onTitle,
  hadPassword,
  origin,
}: {
  values: PageFormValues;
  errors: FormErrors;
  set: SetPageValue;
  /** The title input: a new page's slug follows it until the slug is typed. */
  onTitle: (title: string) => void;
  hadPassword: boolean;
  /** Where /status/<slug> lives, for the slug's hint. */
  origin: string;
}) {
  return (
    <>
      <div className="grid gap-5 sm:grid-cols-2">
        <Field id="title" label="Title" error={errors.title} hint="The page's heading and the browser tab's title.">
          {(a11y) => <input {...a11y} name="title" className={inputClass} maxLength={120} value={values.title} placeholder="Acme status" onChange={(e) => onTitle(e.target.value)} />}
        </Field>
        <Field id="slug" label="Slug" error={errors.slug} hint={`Lower-case letters and digits, dashes between: ${origin}/status/${values.slug || 'your-slug'}`}>
          {(a11y) => (
            <input
              {...a11y}
              name="slug"
              className={`${inputClass} font-mono`}
              maxLength={64}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              value={values.slug}
              placeholder="acme"
              onChange={(e) => set('slug', e.target.value)}
            />
          )}
        </Field>
      </div>
      <Field id="description" label="Description (optional)" error={errors.description} hint="A line or two under the title.">
        {(a11y) => <textarea {...a11y} name="description" rows={2} maxLength={1000} className={inputClass} value={values.description} onChange={(e) => set('description', e.target.value)} />}
      </Field>
      <div className="grid gap-5 sm:grid-cols-2">
        <Field id="logoUrl" label="Logo URL (optional)" error={errors.logoUrl} hint="An https:// image shown beside the title.">
          {(a11y) => (
            <input
              {...a11y}
              name="logoUrl"
              type="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              className={`${inputClass} font-mono`}
              value={values.logoUrl}
              placeholder="https://example.com/logo.svg"
              onChange={(e) => set('logoUrl', e.target.value)}
            />
          )}
        </Field>
        <Field id="footerText" label="Footer text (optional)" error={errors.footerText} hint="Shown at the bottom, e.g. a support address.">
          {(a11y) => <input {...a11y} name="footerText" maxLength={500} className={inputClass} value={values.footerText} onChange={(e) => set('footerText', e.target.value)} />}
        </Field>
      </div>
      <Field id="customDomain" label="Custom domain (optional)" error={errors.customDomain} hint="Point the domain’s DNS at this server; the page is then served at its root.">
        {(a11y) => (
          <input
            {...a11y}
            name="customDomain"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            className={`${inputClass} font-mono`}
            value={values.customDomain}
            placeholder="status.example.com"
            onChange={(e) => set('customDomain', e.target.value)}
          />
        )}
      </Field>
      <div className="space-y-3">
        <Checkbox
          id="published"
          label="Published"
          checked={values.published}
          onChange={(c) => set('published', c)}
          error={errors.published}
          hint="Unpublished pages are drafts: visitors cannot open them."
        />
        <Checkbox
          id="protect"
          label="Require a password"
          checked={values.protect}
          onChange={(c) => set('protect', c)}
          hint={hadPassword && !values.protect ? 'The current password is removed when you save.' : 'Visitors type it once to see the page.'}
        />
        {values.protect ? (
          <Field
            id="password"
            label={hadPassword ? 'New password (optional)' : 'Password'}
            error={errors.password}
            hint={hadPassword ? 'A password is set; leave this empty to keep it.' : 'At least 4 characters; it is stored hashed.'}
            className="pl-6"
          >
            {(a11y) => (
              <input
                {...a11y}
                name="password"
                type="password"
                autoComplete="new-password"
                maxLength={72}
                className={inputClass}
                placeholder={hadPassword ? '•••• (unchanged)' : undefined}
                value={values.password}
                onChange={(e) => set('password', e.target.value)}
              />
            )}
          </Field>
        ) : null}
      </div>
    </>
  );
}
