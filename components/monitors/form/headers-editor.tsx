import { MAX_HEADERS } from '@/lib/schemas/monitor';
import { rowKey, type FormPartProps, type HeaderRow } from '@/lib/ui/monitor-form-model';
import { Button } from '@/components/ui/button';
import { FieldError, inputClass } from '@/components/ui/field';
import { RowError, RowRemoveButton, SubLegend } from '@/components/monitors/form/rows';

/** Request headers, one row each; a stored secret shows as "•••• (unchanged)" and stays so while left empty. */
export function HeadersEditor({ values, errors, set }: FormPartProps) {
  const rows = values.headers;
  const update = (i: number, patch: Partial<HeaderRow>) => set('headers', rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset aria-describedby={errors.headers ? 'headers-error' : undefined}>
      <SubLegend>Request headers</SubLegend>
      {rows.length === 0 ? <p className="text-xs text-zinc-500 dark:text-zinc-400">No extra headers.</p> : null}
      <ul className="space-y-3">
        {rows.map((h, i) => {
          const nameErr = errors[`headers.${i}.name`];
          const valueErr = errors[`headers.${i}.value`];
          const base = `headers-${i}`;
          return (
            <li key={h.key} data-header-row={i} className="grid grid-cols-1 gap-2 sm:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)_auto_auto] sm:items-start">
              <div>
                <label htmlFor={`${base}-name`} className="sr-only">
                  Header {i + 1} name
                </label>
                <input
                  id={`${base}-name`}
                  className={`${inputClass} font-mono`}
                  placeholder="Authorization"
                  autoComplete="off"
                  spellCheck={false}
                  value={h.name}
                  aria-invalid={Boolean(nameErr)}
                  aria-describedby={nameErr ? `${base}-name-error` : undefined}
                  onChange={(e) => update(i, { name: e.target.value })}
                />
                {nameErr ? <FieldError id={`${base}-name-error`}>{nameErr}</FieldError> : null}
              </div>
              <div>
                <label htmlFor={`${base}-value`} className="sr-only">
                  Header {i + 1} value
                </label>
                <input
                  id={`${base}-value`}
                  type={h.secret ? 'password' : 'text'}
                  className={`${inputClass} font-mono`}
                  placeholder={h.stored ? '•••• (unchanged)' : h.reenter ? 'type the secret again' : 'value'}
                  autoComplete="off"
                  spellCheck={false}
                  value={h.value}
                  aria-invalid={Boolean(valueErr)}
                  aria-describedby={[h.stored || h.reenter ? `${base}-kept` : '', valueErr ? `${base}-value-error` : ''].filter(Boolean).join(' ') || undefined}
                  onChange={(e) => update(i, { value: e.target.value })}
                />
                {h.stored ? (
                  <span id={`${base}-kept`} className="sr-only">
                    Stored secret; leave empty to keep it unchanged.
                  </span>
                ) : null}
                {h.reenter ? (
                  <span id={`${base}-kept`} className="sr-only">
                    Secret copied by name only; type its value again.
                  </span>
                ) : null}
                {valueErr ? <FieldError id={`${base}-value-error`}>{valueErr}</FieldError> : null}
              </div>
              <label className="inline-flex h-8 items-center gap-1.5 text-sm">
                <input type="checkbox" className="size-4 accent-zinc-900 dark:accent-zinc-100" checked={h.secret} onChange={(e) => update(i, { secret: e.target.checked })} />
                Secret<span className="sr-only"> (header {i + 1})</span>
              </label>
              <RowRemoveButton label={`Remove header ${i + 1}`} onClick={() => set('headers', rows.filter((_, j) => j !== i))} />
              <RowError errors={errors} prefix={`headers.${i}`} />
            </li>
          );
        })}
      </ul>
      {errors.headers ? <FieldError id="headers-error">{errors.headers}</FieldError> : null}
      <Button
        size="sm"
        className="mt-2"
        disabled={rows.length >= MAX_HEADERS}
        onClick={() => set('headers', [...rows, { key: rowKey(), name: '', value: '', secret: false, stored: false, storedName: null }])}
      >
        + Add header
      </Button>
    </fieldset>
  );
}
