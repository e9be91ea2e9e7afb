import { METHODS_WITH_BODY, type FormPartProps } from '@/lib/ui/monitor-form-model';
import { Field, inputClass } from '@/components/ui/field';
import { Checkbox } from '@/components/ui/checkbox';
import { NumberField } from '@/components/monitors/form/number-field';
import { HeadersEditor } from '@/components/monitors/form/headers-editor';
import { JsonAssertionsEditor } from '@/components/monitors/form/json-assertions-editor';
import { SubLegend } from '@/components/monitors/form/rows';

/** The request and the rules its answer must pass; every one has a working default. */
export function HttpOptions(props: FormPartProps) {
  const { values, errors, set } = props;
  return (
    <div className="space-y-5">
      <HeadersEditor {...props} />
      {METHODS_WITH_BODY.has(values.method) ? (
        <Field id="body" label="Request body" error={errors.body} hint="Sent as is; add a Content-Type header to match.">
          {(a11y) => (
            <textarea {...a11y} name="body" rows={4} spellCheck={false} className={`${inputClass} font-mono`} value={values.body} onChange={(e) => set('body', e.target.value)} />
          )}
        </Field>
      ) : null}
      <Field id="acceptedStatusCodes" label="Accepted status codes" error={errors.acceptedStatusCodes} hint="Comma separated codes and ranges, e.g. 200-299, 301.">
        {(a11y) => (
          <input
            {...a11y}
            name="acceptedStatusCodes"
            autoComplete="off"
            spellCheck={false}
            className={`${inputClass} font-mono`}
            value={values.acceptedStatusCodes}
            onChange={(e) => set('acceptedStatusCodes', e.target.value)}
          />
        )}
      </Field>
      <div className="grid gap-3 sm:grid-cols-2 sm:items-start">
        <Checkbox id="followRedirects" label="Follow redirects" checked={values.followRedirects} onChange={(c) => set('followRedirects', c)} error={errors.followRedirects} className="sm:pt-7" />
        {values.followRedirects ? (
          <NumberField id="maxRedirects" label="Max redirects" value={values.maxRedirects} onChange={(v) => set('maxRedirects', v)} error={errors.maxRedirects} min={0} max={20} />
        ) : null}
      </div>
      <fieldset className="space-y-2">
        <SubLegend>Keyword check</SubLegend>
        <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_12rem]">
          <Field id="keyword" label="Keyword" error={errors.keyword} hint="Empty: the body is not searched.">
            {(a11y) => (
              <input {...a11y} name="keyword" autoComplete="off" spellCheck={false} className={inputClass} value={values.keyword} onChange={(e) => set('keyword', e.target.value)} />
            )}
          </Field>
          <Field id="keywordMode" label="The keyword must be" error={errors.keywordMode}>
            {(a11y) => (
              <select {...a11y} name="keywordMode" className={inputClass} value={values.keywordMode} onChange={(e) => set('keywordMode', e.target.value as 'present' | 'absent')}>
                <option value="present">present</option>
                <option value="absent">absent</option>
              </select>
            )}
          </Field>
        </div>
        <Checkbox id="keywordCaseSensitive" label="Case-sensitive" checked={values.keywordCaseSensitive} onChange={(c) => set('keywordCaseSensitive', c)} error={errors.keywordCaseSensitive} />
      </fieldset>
      <JsonAssertionsEditor {...props} />
      <div className="grid gap-5 sm:grid-cols-2">
        <NumberField
          id="maxResponseTimeMs"
          label="Max response time (ms)"
          value={values.maxResponseTimeMs}
          onChange={(v) => set('maxResponseTimeMs', v)}
          error={errors.maxResponseTimeMs}
          hint="Slower answers count as DOWN. Empty: no limit."
          min={1}
          max={60000}
        />
        <NumberField
          id="certExpiryThresholdDays"
          label="Certificate expiry alert (days)"
          value={values.certExpiryThresholdDays}
          onChange={(v) => set('certExpiryThresholdDays', v)}
          error={errors.certExpiryThresholdDays}
          hint="For https: warn this many days before the certificate expires."
          min={0}
          max={365}
        />
      </div>
      <Checkbox
        id="ignoreTlsErrors"
        label="Ignore TLS errors"
        checked={values.ignoreTlsErrors}
        onChange={(c) => set('ignoreTlsErrors', c)}
        error={errors.ignoreTlsErrors}
        hint="Accept self-signed, expired or mismatched certificates."
      />
    </div>
  );
}
