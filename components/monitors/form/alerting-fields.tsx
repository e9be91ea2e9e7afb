import type { FormPartProps } from '@/lib/ui/monitor-form-model';
import { monitorKind } from '@/lib/monitor-kinds';
import { NumberField } from '@/components/monitors/form/number-field';
import { SubLegend } from '@/components/monitors/form/rows';

/** How sure Pingboard must be before alerting (and before calling it back UP), and how often to remind while DOWN. */
export function AlertingFields({ values, errors, set }: FormPartProps) {
  const kind = monitorKind(values.type);
  const retried = kind.ui.formFields.includes('retries');
  return (
    <fieldset>
      <SubLegend>Confirmation &amp; alerts</SubLegend>
      <div className="grid gap-5 sm:grid-cols-3">
        {retried ? (
          <>
            <NumberField id="retries" label="Retries" value={values.retries} onChange={(v) => set('retries', v)} error={errors.retries} hint="Failed re-checks before DOWN." min={0} max={10} />
            <NumberField
              id="retryIntervalSeconds"
              label="Seconds between retries"
              value={values.retryIntervalSeconds}
              onChange={(v) => set('retryIntervalSeconds', v)}
              error={errors.retryIntervalSeconds}
              hint="Wait between re-checks."
              min={1}
              max={3600}
            />
          </>
        ) : null}
        {kind.ui.formFields.includes('successThreshold') ? (
          <NumberField
            id="successThreshold"
            label="Success threshold"
            value={values.successThreshold}
            onChange={(v) => set('successThreshold', v)}
            error={errors.successThreshold}
            hint="Successful checks in a row before a DOWN monitor is UP again."
            min={1}
            max={10}
          />
        ) : null}
        <NumberField
          id="reminderIntervalMinutes"
          label="Reminder (minutes)"
          value={values.reminderIntervalMinutes}
          onChange={(v) => set('reminderIntervalMinutes', v)}
          error={errors.reminderIntervalMinutes}
          hint="Repeat the alert while DOWN. Empty: off."
          min={1}
          max={10080}
        />
      </div>
    </fieldset>
  );
}
