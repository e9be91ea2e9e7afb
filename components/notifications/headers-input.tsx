import { headerRowKey, type HeaderRow } from '@/lib/ui/channel-kinds';
import { Button } from '@/components/ui/button';
import { FieldError, inputClass } from '@/components/ui/field';
import { RowRemoveButton } from '@/components/monitors/form/rows';

/** The webhook's extra headers, one row each; values are secret, so a saved one shows "•••• (unchanged)" and stays while left empty. */
export function HeadersInput({ id, label, rows, onChange, error }: { id: string; label: string; rows: HeaderRow[]; onChange: (rows: HeaderRow[]) => void; error?: string }) {
  const update = (i: number, patch: Partial<HeaderRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="mb-1 block text-sm font-medium text-zinc-800 dark:text-zinc-200">{label} (optional)</legend>
      {rows.length === 0 ? <p className="text-xs text-zinc-500 dark:text-zinc-400">No extra headers.</p> : null}
      <ul className="space-y-2">
        {rows.map((h, i) => (
          <li key={h.key} className="grid grid-cols-1 gap-2 sm:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)_auto] sm:items-start">
            <label htmlFor={`${id}-${i}-name`} className="sr-only">
              Header {i + 1} name
            </label>
            <input
              id={`${id}-${i}-name`}
              className={`${inputClass} font-mono`}
              placeholder="Authorization"
              autoComplete="off"
              spellCheck={false}
              value={h.name}
              onChange={(e) => update(i, { name: e.target.value })}
            />
            <label htmlFor={`${id}-${i}-value`} className="sr-only">
              Header {i + 1} value{h.stored ? ' (leave empty to keep the saved value)' : ''}
            </label>
            <input
              id={`${id}-${i}-value`}
              type="password"
              className={`${inputClass} font-mono`}
              placeholder={h.stored ? '•••• (unchanged)' : 'value'}
              autoComplete="off"
              spellCheck={false}
              value={h.value}
              onChange={(e) => update(i, { value: e.target.value })}
            />
            <RowRemoveButton label={`Remove header ${i + 1}`} onClick={() => onChange(rows.filter((_, j) => j !== i))} />
          </li>
        ))}
      </ul>
      {error ? <FieldError id={`${id}-error`}>{error}</FieldError> : null}
      <Button size="sm" className="mt-2" onClick={() => onChange([...rows, { key: headerRowKey(), name: '', value: '', stored: false }])}>
        + Add header
      </Button>
    </fieldset>
  );
}
