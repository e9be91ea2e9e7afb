import type { ReactNode } from 'react';
import { Field, inputClass } from '@/components/ui/field';

/** A labelled whole-number input whose text is kept as typed (validation happens on submit). */
export function NumberField({
  id,
  label,
  value,
  onChange,
  error,
  hint,
  min,
  max,
  placeholder,
  className,
}: {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: ReactNode;
  min?: number;
  max?: number;
  placeholder?: string;
  className?: string;
}) {
  return (
    <Field id={id} label={label} error={error} hint={hint} className={className}>
      {(a11y) => (
        <input
          {...a11y}
          name={id}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          step={1}
          placeholder={placeholder}
          className={inputClass}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
