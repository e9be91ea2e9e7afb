import { HTTP_METHODS } from '@/lib/schemas/monitor';
import { monitorKind } from '@/lib/monitor-kinds';
import type { FormPartProps, HttpMethod } from '@/lib/ui/monitor-form-model';
import { Field, inputClass } from '@/components/ui/field';
import { NumberField } from '@/components/monitors/form/number-field';

/** What to check: a URL and method, a host and port, or nothing at all for a push monitor, as its kind lists. */
export function TargetFields({ values, errors, set }: FormPartProps) {
  const kind = monitorKind(values.type);
  if (kind.ui.formFields.includes('host')) {
    return (
      <div className="grid gap-5 sm:grid-cols-[minmax(0,1fr)_8rem]">
        <Field id="host" label="Host" error={errors.host} hint="A host name or IP address.">
          {(a11y) => (
            <input
              {...a11y}
              name="host"
              autoComplete="off"
              spellCheck={false}
              className={`${inputClass} font-mono`}
              value={values.host}
              placeholder="db.example.com"
              onChange={(e) => set('host', e.target.value)}
            />
          )}
        </Field>
        <NumberField id="port" label="Port" value={values.port} onChange={(v) => set('port', v)} error={errors.port} min={1} max={65535} placeholder="5432" />
      </div>
    );
  }
  if (kind.ui.formFields.includes('url')) {
    return (
      <div className="grid gap-5 sm:grid-cols-[8rem_minmax(0,1fr)]">
        <Field id="method" label="Method" error={errors.method}>
          {(a11y) => (
            <select {...a11y} name="method" className={inputClass} value={values.method} onChange={(e) => set('method', e.target.value as HttpMethod)}>
              {HTTP_METHODS.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
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
      </div>
    );
  }
  if (!kind.needsPushToken) return null;
  return (
    <p className="rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 text-sm text-zinc-700 dark:border-zinc-800 dark:bg-zinc-800/40 dark:text-zinc-300">
      Pingboard gives this monitor a secret URL. Your job requests it after every run; if no request arrives within the period plus the grace time,
      the monitor goes DOWN. The URL is shown on the monitor&apos;s page once it is created.
    </p>
  );
}
