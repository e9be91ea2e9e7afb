import { JSON_ASSERTION_OPS } from '@/lib/schemas/monitor';
import { rowKey, type AssertionRow, type FormPartProps, type JsonOp } from '@/lib/ui/monitor-form-model';
import { Button } from '@/components/ui/button';
import { FieldError, inputClass } from '@/components/ui/field';
import { RowError, RowRemoveButton, SubLegend } from '@/components/monitors/form/rows';

const OP_LABELS: Record<JsonOp, string> = {
  '==': 'equals',
  '!=': 'does not equal',
  '<': 'is less than',
  '>': 'is greater than',
  contains: 'contains',
  exists: 'exists',
};
const MAX_ASSERTIONS = 10;

/** Rules on a JSON response: path, operator, value (none for "exists"). */
export function JsonAssertionsEditor({ values, errors, set }: FormPartProps) {
  const rows = values.jsonAssertions;
  const update = (i: number, patch: Partial<AssertionRow>) => set('jsonAssertions', rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset aria-describedby="jsonAssertions-hint">
      <SubLegend>JSON assertions</SubLegend>
      <p id="jsonAssertions-hint" className="mb-1.5 text-xs text-zinc-500 dark:text-zinc-400">
        Paths like <code>data.status</code> or <code>items[0].id</code>; values compare as numbers when both sides are numbers.
      </p>
      <ul className="space-y-3">
        {rows.map((a, i) => {
          const base = `jsonAssertions-${i}`;
          const pathErr = errors[`jsonAssertions.${i}.path`];
          const opErr = errors[`jsonAssertions.${i}.op`];
          const valueErr = errors[`jsonAssertions.${i}.value`];
          return (
            <li key={a.key} data-assertion-row={i} className="grid grid-cols-1 gap-2 sm:grid-cols-[minmax(0,1.2fr)_10rem_minmax(0,1fr)_auto] sm:items-start">
              <div>
                <label htmlFor={`${base}-path`} className="sr-only">
                  Assertion {i + 1} path
                </label>
                <input
                  id={`${base}-path`}
                  className={`${inputClass} font-mono`}
                  placeholder="data.status"
                  spellCheck={false}
                  autoComplete="off"
                  value={a.path}
                  aria-invalid={Boolean(pathErr)}
                  aria-describedby={pathErr ? `${base}-path-error` : undefined}
                  onChange={(e) => update(i, { path: e.target.value })}
                />
                {pathErr ? <FieldError id={`${base}-path-error`}>{pathErr}</FieldError> : null}
              </div>
              <div>
                <label htmlFor={`${base}-op`} className="sr-only">
                  Assertion {i + 1} operator
                </label>
                <select
                  id={`${base}-op`}
                  className={inputClass}
                  value={a.op}
                  aria-invalid={Boolean(opErr)}
                  aria-describedby={opErr ? `${base}-op-error` : undefined}
                  onChange={(e) => update(i, { op: e.target.value as JsonOp })}
                >
                  {JSON_ASSERTION_OPS.map((op) => (
                    <option key={op} value={op}>
                      {OP_LABELS[op]}
                    </option>
                  ))}
                </select>
                {opErr ? <FieldError id={`${base}-op-error`}>{opErr}</FieldError> : null}
              </div>
              <div>
                <label htmlFor={`${base}-value`} className="sr-only">
                  Assertion {i + 1} value
                </label>
                <input
                  id={`${base}-value`}
                  className={`${inputClass} font-mono`}
                  placeholder={a.op === 'exists' ? '(no value)' : 'ok'}
                  disabled={a.op === 'exists'}
                  spellCheck={false}
                  autoComplete="off"
                  value={a.op === 'exists' ? '' : a.value}
                  aria-invalid={Boolean(valueErr)}
                  aria-describedby={valueErr ? `${base}-value-error` : undefined}
                  onChange={(e) => update(i, { value: e.target.value })}
                />
                {valueErr ? <FieldError id={`${base}-value-error`}>{valueErr}</FieldError> : null}
              </div>
              <RowRemoveButton label={`Remove assertion ${i + 1}`} onClick={() => set('jsonAssertions', rows.filter((_, j) => j !== i))} />
              <RowError errors={errors} prefix={`jsonAssertions.${i}`} />
            </li>
          );
        })}
      </ul>
      {errors.jsonAssertions ? <FieldError id="jsonAssertions-error">{errors.jsonAssertions}</FieldError> : null}
      <Button
        size="sm"
        className="mt-2"
        disabled={rows.length >= MAX_ASSERTIONS}
        onClick={() => set('jsonAssertions', [...rows, { key: rowKey(), path: '', op: '==', value: '' }])}
      >
        + Add assertion
      </Button>
    </fieldset>
  );
}
