import type { FormPartProps } from '@/lib/ui/monitor-form-model';
import type { MonitorChoice } from '@/lib/page-data/monitors';
import { Field, inputClass } from '@/components/ui/field';

/** "Depends on": while the chosen monitor is DOWN, this one's failures are stored as "Parent down" and alert nobody. */
export function DependencyField({ values, errors, set, monitors, selfId }: FormPartProps & { monitors: MonitorChoice[]; selfId: string | null }) {
  const choices = monitors.filter((m) => m.id !== selfId);
  return (
    <Field
      id="parentId"
      label="Depends on"
      error={errors.parentId}
      hint="While that monitor is down, this one's failures alert nobody: one alert for the cause, not one per dependent."
    >
      {(a11y) => (
        <select {...a11y} name="parentId" className={inputClass} value={values.parentId} onChange={(e) => set('parentId', e.target.value)}>
          <option value="">None</option>
          {choices.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
