import type { DegradedLimit } from '@/lib/domain/degraded';
import { DEGRADED_INPUTS, type FormPartProps } from '@/lib/ui/monitor-form-model';
import { FieldError } from '@/components/ui/field';
import { NumberField } from '@/components/monitors/form/number-field';
import { SubLegend } from '@/components/monitors/form/rows';

// The degraded thresholds: a check slower than one of them, for `consecutive` checks in a row,
// makes the monitor DEGRADED (up, shown in amber, alerted as slowness rather than an outage).

const LABELS: Record<DegradedLimit | 'consecutive', string> = {
  totalMs: 'Response time (ms)',
  dnsMs: 'DNS (ms)',
  connectMs: 'Connect (ms)',
  tlsMs: 'TLS handshake (ms)',
  ttfbMs: 'Time to first byte (ms)',
  consecutive: 'Consecutive checks',
};

export function SlownessFields({ values, errors, set }: FormPartProps) {
  const setOne = (key: (typeof DEGRADED_INPUTS)[number], value: string) => set('degraded', { ...values.degraded, [key]: value });
  return (
    <fieldset aria-describedby="degraded-help">
      <SubLegend>Degraded when slower than</SubLegend>
      <p id="degraded-help" className="mb-3 text-xs text-zinc-500 dark:text-zinc-400">
        Up, but slower than any of these for the consecutive checks: the monitor shows DEGRADED and alerts say so. Empty: no threshold. A phase a check does not
        have (no TLS on http://) never counts.
      </p>
      <div className="grid gap-5 sm:grid-cols-3">
        {DEGRADED_INPUTS.map((key) => (
          <NumberField
            key={key}
            id={`degraded-${key}`}
            label={LABELS[key]}
            value={values.degraded[key]}
            onChange={(v) => setOne(key, v)}
            error={errors[`degraded.${key}`]}
            hint={key === 'consecutive' ? 'Empty: 3.' : undefined}
            placeholder={key === 'consecutive' ? '3' : undefined}
            min={1}
            max={key === 'consecutive' ? 100 : 60000}
          />
        ))}
      </div>
      {errors.degraded ? (
        <div className="mt-2">
          <FieldError id="degraded-error">{errors.degraded}</FieldError>
        </div>
      ) : null}
    </fieldset>
  );
}
