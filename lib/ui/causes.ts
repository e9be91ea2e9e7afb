import { causeLabel } from '@/lib/domain/cause-labels';

export { CAUSE_LABELS, causeLabel } from '@/lib/domain/cause-labels';

/** "Timeout — Timed out after 10 s": the label, then the message when it adds something. */
export function causeText(cause: string | null | undefined, error: string | null | undefined): string | null {
  const label = causeLabel(cause);
  if (!label) return error ?? null;
  if (!error || error === label) return label;
  return `${label} — ${error}`;
}
