import type { FormPartProps } from '@/lib/ui/monitor-form-model';
import { monitorKind } from '@/lib/monitor-kinds';
import { INTERVAL_PRESETS } from '@/lib/ui/view-models';
import { Field, inputClass } from '@/components/ui/field';
import { NumberField } from '@/components/monitors/form/number-field';

/** How often: the interval (a push monitor's period), then the timeout or the grace time, as the kind lists. */
export function ScheduleFields({ values, errors, set, editing }: FormPartProps & { editing: boolean }) {
  const kind = monitorKind(values.type);
  const pushed = !kind.probed;
  const custom = values.interval === 'custom';
  return (
    <div className="grid gap-5 sm:grid-cols-2">
      <Field
        id="intervalSeconds"
        label={pushed ? 'Period' : 'Interval'}
        error={custom ? undefined : errors.intervalSeconds}
        hint={custom ? undefined : pushed ? 'How often your job pings.' : 'How often to check.'}
      >
        {(a11y) => (
          <select {...a11y} name="interval" className={inputClass} value={values.interval} onChange={(e) => set('interval', e.target.value)}>
            {INTERVAL_PRESETS.map((p) => (
              <option key={p.seconds} value={String(p.seconds)}>
                {p.label}
              </option>
            ))}
            <option value="custom">Custom…</option>
          </select>
        )}
      </Field>
      {custom ? (
        <NumberField
          id="customInterval"
          label={pushed ? 'Seconds between pings' : 'Seconds between checks'}
          value={values.customInterval}
          onChange={(v) => set('customInterval', v)}
          error={errors.intervalSeconds}
          hint="Between 1 second and 1 day."
          min={1}
          max={86400}
        />
      ) : null}
      {kind.ui.formFields.includes('graceSeconds') ? (
        <NumberField
          id="graceSeconds"
          label="Grace (seconds)"
          value={values.grace}
          onChange={(v) => set('grace', v)}
          error={errors.graceSeconds}
          hint="Extra time a late ping is allowed before the monitor goes DOWN."
          min={0}
          max={86400}
        />
      ) : null}
      {kind.ui.formFields.includes('timeoutSeconds') ? (
        <NumberField
          id="timeoutSeconds"
          label="Timeout (seconds)"
          value={values.timeout}
          onChange={(v) => set('timeout', v)}
          error={errors.timeoutSeconds}
          hint={editing ? undefined : 'Empty: 10 s, or the interval if shorter.'}
          min={1}
          max={60}
          placeholder="10"
        />
      ) : null}
    </div>
  );
}
