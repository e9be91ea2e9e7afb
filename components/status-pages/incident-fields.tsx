import { INCIDENT_STATUSES, MESSAGE_HINT, STATUS_HINT, STATUS_LABEL, type IncidentStatus } from '@/lib/ui/status-page-form-model';
import { Field, inputClass } from '@/components/ui/field';

// The two inputs every incident post has: where it stands, and what to tell visitors.

export function StatusSelect({ id, value, onChange, error }: { id: string; value: IncidentStatus; onChange: (s: IncidentStatus) => void; error?: string }) {
  return (
    <Field id={id} label="Status" error={error} hint={STATUS_HINT[value]}>
      {(a11y) => (
        <select {...a11y} className={inputClass} value={value} onChange={(e) => onChange(e.target.value as IncidentStatus)}>
          {INCIDENT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function MessageField({ id, value, onChange, error, label = 'Message' }: { id: string; value: string; onChange: (m: string) => void; error?: string; label?: string }) {
  return (
    <Field id={id} label={label} error={error} hint={MESSAGE_HINT}>
      {(a11y) => <textarea {...a11y} rows={4} maxLength={5000} className={inputClass} value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

/** Issues keyed by their top-level field ("message"), as these small forms show them. */
export function topLevelErrors(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues ?? []) out[String(i.path[0] ?? '_form')] ??= i.message;
  return out;
}
