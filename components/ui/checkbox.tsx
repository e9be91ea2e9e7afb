import type { ReactNode } from 'react';
import { cn } from '@/components/ui/cn';
import { FieldError } from '@/components/ui/field';

/** A labelled checkbox with an optional hint and error under it. */
export function Checkbox({
  id,
  label,
  checked,
  onChange,
  hint,
  error,
  className,
}: {
  id: string;
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: ReactNode;
  error?: string;
  className?: string;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="inline-flex items-center gap-2 text-sm font-medium">
        <input
          id={id}
          type="checkbox"
          name={id}
          className="size-4 rounded border-zinc-300 accent-zinc-900 dark:accent-zinc-100"
          checked={checked}
          aria-invalid={Boolean(error)}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.checked)}
        />
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className={cn('mt-0.5 pl-6 text-xs text-zinc-500 dark:text-zinc-400')}>
          {hint}
        </p>
      ) : null}
      {error ? <FieldError id={`${id}-error`}>{error}</FieldError> : null}
    </div>
  );
}
