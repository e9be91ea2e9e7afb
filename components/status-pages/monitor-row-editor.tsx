import type { FormErrors, MonitorRow } from '@/lib/ui/status-page-form-model';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { FieldError, inputClass } from '@/components/ui/field';
import { MoveButtons } from '@/components/status-pages/move-buttons';

/** One monitor in a section: the public name it goes by, whether its details show, its place. */
export function MonitorRowEditor({
  idPrefix,
  row,
  name,
  first,
  last,
  errors,
  errorPrefix,
  sectionLabel,
  onChange,
  onMove,
  onRemove,
}: {
  idPrefix: string;
  row: MonitorRow;
  /** The monitor's own name. */
  name: string;
  first: boolean;
  last: boolean;
  errors: FormErrors;
  errorPrefix: string;
  sectionLabel: string;
  onChange: (next: MonitorRow) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const shown = row.displayName.trim() || name;
  const displayError = errors[`${errorPrefix}.displayName`];
  const rowError = errors[`${errorPrefix}.monitorId`] ?? errors[errorPrefix];
  return (
    <li data-monitor-row={row.monitorId} className="space-y-2 rounded-md border border-zinc-200 px-3 py-2 dark:border-zinc-800">
      <div className="flex items-center justify-between gap-2">
        <p className="min-w-0 truncate text-sm font-medium" title={name}>
          {name}
        </p>
        <div className="flex shrink-0 items-center gap-1">
          <MoveButtons idPrefix={idPrefix} what={shown} first={first} last={last} onMove={onMove} />
          <Button size="sm" variant="ghost" aria-label={`Remove ${shown} from ${sectionLabel}`} title={`Remove ${shown} from ${sectionLabel}`} onClick={onRemove}>
            <span aria-hidden="true">✕</span>
          </Button>
        </div>
      </div>
      <div>
        <label htmlFor={`${idPrefix}-display`} className="sr-only">
          Public name of {name}
        </label>
        <input
          id={`${idPrefix}-display`}
          className={inputClass}
          maxLength={100}
          placeholder={`Public name (default: ${name})`}
          value={row.displayName}
          aria-invalid={Boolean(displayError)}
          aria-describedby={displayError ? `${idPrefix}-display-error` : undefined}
          onChange={(e) => onChange({ ...row, displayName: e.target.value })}
        />
        {displayError ? <FieldError id={`${idPrefix}-display-error`}>{displayError}</FieldError> : null}
      </div>
      <Checkbox
        id={`${idPrefix}-details`}
        label={
          <span className="font-normal">
            Show details (URL, response times, errors)<span className="sr-only"> of {shown}</span>
          </span>
        }
        checked={row.showDetails}
        onChange={(c) => onChange({ ...row, showDetails: c })}
      />
      {rowError ? <FieldError id={`${idPrefix}-error`}>{rowError}</FieldError> : null}
    </li>
  );
}
