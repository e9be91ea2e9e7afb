import type { ReactNode } from 'react';
import type { FormErrors } from '@/lib/ui/monitor-form-model';
import { Button } from '@/components/ui/button';
import { FieldError } from '@/components/ui/field';

// Small pieces shared by the header and JSON assertion row editors.

export function SubLegend({ children }: { children: ReactNode }) {
  return <legend className="mb-1.5 block text-sm font-medium text-zinc-800 dark:text-zinc-200">{children}</legend>;
}

export function RowRemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Button size="sm" variant="ghost" aria-label={label} title={label} onClick={onClick}>
      <span aria-hidden="true">✕</span>
      <span className="sm:hidden">Remove</span>
    </Button>
  );
}

/** An error about the row as a whole (path ['headers', 2]), across the full row width. */
export function RowError({ errors, prefix }: { errors: FormErrors; prefix: string }) {
  const message = errors[prefix];
  if (!message) return null;
  return (
    <div className="sm:col-span-full">
      <FieldError id={`${prefix.replace('.', '-')}-error`}>{message}</FieldError>
    </div>
  );
}
