import { useMemo } from 'react';
import { timeZoneChoices, WEEKDAYS, type FormErrors, type MaintenanceFormValues, type ScheduleKind } from '@/lib/ui/maintenance-form-model';
import { cn } from '@/components/ui/cn';
import { Field, FieldError, inputClass } from '@/components/ui/field';

export type SetMaintenanceValue = <K extends keyof MaintenanceFormValues>(key: K, value: MaintenanceFormValues[K]) => void;

const KINDS: ReadonlyArray<{ kind: ScheduleKind; label: string; hint: string }> = [
  { kind: 'once', label: 'Once', hint: 'One period, start to end.' },
  { kind: 'weekly', label: 'Every week', hint: 'On chosen days, between two times.' },
  { kind: 'cron', label: 'Cron', hint: 'A cron expression and a duration.' },
];

/** When the window is: once, weekly or by cron, always read in the chosen time zone. */
export function ScheduleFields({ idPrefix, values, errors, set }: { idPrefix: string; values: MaintenanceFormValues; errors: FormErrors; set: SetMaintenanceValue }) {
  const zones = useMemo(() => timeZoneChoices(values.timeZone), [values.timeZone]);
  const id = (s: string) => `${idPrefix}-${s}`;
  const toggleDay = (day: number, on: boolean) => set('days', on ? [...values.days, day] : values.days.filter((d) => d !== day));
  return (
    <div className="space-y-5">
      <fieldset>
        <legend className="mb-1 block text-sm font-medium text-zinc-800 dark:text-zinc-200">Schedule</legend>
        <div className="grid gap-2 sm:grid-cols-3">
          {KINDS.map((k) => (
            <label
              key={k.kind}
              className={cn(
                'flex cursor-pointer items-start gap-2 rounded-md border px-3 py-2 text-sm has-focus-visible:outline-2 has-focus-visible:outline-sky-600',
                values.kind === k.kind ? 'border-zinc-900 bg-zinc-50 dark:border-zinc-300 dark:bg-zinc-800/60' : 'border-zinc-300 dark:border-zinc-700',
              )}
            >
              <input
                type="radio"
                name={id('kind')}
                value={k.kind}
                checked={values.kind === k.kind}
                onChange={() => set('kind', k.kind)}
                aria-describedby={id(`kind-${k.kind}-hint`)}
                className="mt-0.5 size-4 accent-zinc-900 dark:accent-zinc-100"
              />
              <span>
                <span className="block font-medium">{k.label}</span>
                <span id={id(`kind-${k.kind}-hint`)} className="block text-xs text-zinc-500 dark:text-zinc-400">
                  {k.hint}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      {values.kind === 'once' ? (
        <div className="grid gap-5 sm:grid-cols-2">
          <Field id={id('start')} label="Start" error={errors.start}>
            {(a11y) => <input {...a11y} type="datetime-local" className={inputClass} value={values.startLocal} onChange={(e) => set('startLocal', e.target.value)} />}
          </Field>
          <Field id={id('end')} label="End" error={errors.end}>
            {(a11y) => <input {...a11y} type="datetime-local" className={inputClass} value={values.endLocal} onChange={(e) => set('endLocal', e.target.value)} />}
          </Field>
        </div>
      ) : null}

      {values.kind === 'weekly' ? (
        <>
          <fieldset aria-describedby={errors['recurrence.days'] ? id('days-error') : undefined}>
            <legend className="mb-1 block text-sm font-medium text-zinc-800 dark:text-zinc-200">Days</legend>
            <div className="flex flex-wrap gap-2">
              {WEEKDAYS.map((d) => (
                <label
                  key={d.value}
                  className={cn(
                    'inline-flex cursor-pointer items-center gap-1.5 rounded-md border px-2.5 py-1.5 text-sm has-focus-visible:outline-2 has-focus-visible:outline-sky-600',
                    values.days.includes(d.value) ? 'border-zinc-900 bg-zinc-50 font-medium dark:border-zinc-300 dark:bg-zinc-800/60' : 'border-zinc-300 dark:border-zinc-700',
                  )}
                >
                  <input
                    type="checkbox"
                    className="size-4 accent-zinc-900 dark:accent-zinc-100"
                    checked={values.days.includes(d.value)}
                    onChange={(e) => toggleDay(d.value, e.target.checked)}
                    aria-label={d.long}
                  />
                  <span aria-hidden="true">{d.short}</span>
                </label>
              ))}
            </div>
            {errors['recurrence.days'] ? <FieldError id={id('days-error')}>{errors['recurrence.days']}</FieldError> : null}
          </fieldset>
          <div className="grid gap-5 sm:grid-cols-2">
            <Field id={id('start-time')} label="From" error={errors['recurrence.startTime']}>
              {(a11y) => <input {...a11y} type="time" className={inputClass} value={values.startTime} onChange={(e) => set('startTime', e.target.value)} />}
            </Field>
            <Field id={id('end-time')} label="Until" error={errors['recurrence.endTime']} hint="An end before the start runs into the next day.">
              {(a11y) => <input {...a11y} type="time" className={inputClass} value={values.endTime} onChange={(e) => set('endTime', e.target.value)} />}
            </Field>
          </div>
        </>
      ) : null}

      {values.kind === 'cron' ? (
        <div className="grid gap-5 sm:grid-cols-[minmax(0,1fr)_10rem]">
          <Field id={id('cron')} label="Cron expression" error={errors['recurrence.cron']} hint="minute hour day month weekday: “0 3 * * 0” is Sundays at 03:00.">
            {(a11y) => (
              <input
                {...a11y}
                className={`${inputClass} font-mono`}
                autoComplete="off"
                spellCheck={false}
                value={values.cron}
                placeholder="0 3 * * 0"
                onChange={(e) => set('cron', e.target.value)}
              />
            )}
          </Field>
          <Field id={id('duration')} label="Duration (minutes)" error={errors['recurrence.durationMinutes']}>
            {(a11y) => (
              <input {...a11y} type="number" inputMode="numeric" min={1} step={1} className={inputClass} value={values.durationMinutes} onChange={(e) => set('durationMinutes', e.target.value)} />
            )}
          </Field>
        </div>
      ) : null}

      <Field id={id('time-zone')} label="Time zone" error={errors.timeZone} hint={values.kind === 'once' ? 'The start and end are read in this zone.' : 'The times repeat in this zone, daylight saving included.'}>
        {(a11y) => (
          <select {...a11y} className={inputClass} value={values.timeZone} onChange={(e) => set('timeZone', e.target.value)}>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
