'use client';

import { Checkbox } from '@/components/ui/checkbox';
import { CopyButton } from '@/components/ui/copy-button';
import { inputClass } from '@/components/ui/field';

/** The public badge switch, and once the monitor has a badge key, the Markdown for each badge. */
export function BadgeFields({
  checked,
  onChange,
  saved,
  badgeUrl,
  error,
}: {
  checked: boolean;
  onChange: (on: boolean) => void;
  /** Whether the stored monitor has its badge on. */
  saved: boolean;
  /** The badges' base address at APP_URL (from the API), once the stored monitor has its badge on. */
  badgeUrl: string | null;
  error?: string;
}) {
  const live = saved && badgeUrl !== null;
  const base = badgeUrl ?? '';
  const badges = [
    { id: 'badge-status', label: 'Status', markdown: `![status](${base}/status.svg)` },
    { id: 'badge-uptime', label: 'Uptime (30 days)', markdown: `![uptime](${base}/uptime.svg?window=30d)` },
    { id: 'badge-response', label: 'Response time', markdown: `![response time](${base}/response.svg)` },
  ];
  return (
    <div className="space-y-3" data-testid="badge-fields">
      <Checkbox
        id="publicBadge"
        label="Public badge"
        checked={checked}
        onChange={onChange}
        error={error}
        hint="Images of this monitor’s status, uptime and response time for a README or a web page. Their address holds a random key, not the monitor’s id."
      />
      {checked && live ? (
        <div className="space-y-2 pl-6">
          {badges.map((b) => (
            <div key={b.id} className="space-y-1">
              <label htmlFor={b.id} className="block text-xs font-medium text-zinc-700 dark:text-zinc-300">
                {b.label} badge, as Markdown
              </label>
              <div className="flex gap-2">
                <input id={b.id} readOnly value={b.markdown} className={`${inputClass} min-w-0 font-mono text-xs`} onFocus={(e) => e.currentTarget.select()} />
                <CopyButton text={b.markdown} label={`Copy ${b.label.toLowerCase()} badge Markdown`} sourceId={b.id} />
              </div>
            </div>
          ))}
        </div>
      ) : null}
      {checked && !live ? <p className="pl-6 text-xs text-zinc-500 dark:text-zinc-400">Save the monitor to get the badges’ addresses.</p> : null}
      {!checked && live ? <p className="pl-6 text-xs text-zinc-500 dark:text-zinc-400">Saving turns the badges off: their addresses stop answering.</p> : null}
    </div>
  );
}
