'use client';

import type { MonitorDto } from '@/lib/dto';
import { LocalTime, useNow } from '@/components/ui/time';
import { cn } from '@/components/ui/cn';
import { DAY_MS } from '@/lib/shared/time';

/** The https certificate seen by the last check, warned about (in words, not only colour) near expiry. */
export function CertificatePanel({ monitor }: { monitor: Pick<MonitorDto, 'certExpiresAt' | 'certIssuer' | 'certExpiryThresholdDays'> }) {
  const now = useNow();
  if (!monitor.certExpiresAt) {
    return <p className="px-4 py-3 text-sm text-zinc-500 dark:text-zinc-400">Shown after the first check that completes a TLS handshake.</p>;
  }
  const daysLeft = Math.floor((new Date(monitor.certExpiresAt).getTime() - now) / DAY_MS);
  const expired = daysLeft < 0;
  const warn = expired || daysLeft <= monitor.certExpiryThresholdDays;
  const when = expired ? `expired ${-daysLeft} ${-daysLeft === 1 ? 'day' : 'days'} ago` : `expires in ${daysLeft} ${daysLeft === 1 ? 'day' : 'days'}`;
  return (
    <div className="px-4 py-3 text-sm" data-testid="certificate" data-warning={warn}>
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1">
        <dt className="text-zinc-500 dark:text-zinc-400">Expires</dt>
        <dd className="tabular-nums">
          <LocalTime iso={monitor.certExpiresAt} kind="full" />
        </dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Issuer</dt>
        <dd className="break-words">{monitor.certIssuer ?? '—'}</dd>
      </dl>
      <p
        className={cn(
          'mt-2 rounded-md px-2 py-1 text-xs font-medium',
          expired
            ? 'border border-red-300 bg-red-50 text-red-800 dark:border-red-900 dark:bg-red-950/50 dark:text-red-300'
            : warn
              ? 'border border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-200'
              : 'text-zinc-600 dark:text-zinc-400',
        )}
      >
        {warn ? <span aria-hidden="true">⚠ </span> : null}
        {warn ? 'Warning: certificate ' : 'Certificate '}
        {when}
        {warn && !expired ? ` (alert threshold ${monitor.certExpiryThresholdDays} days)` : ''}
      </p>
    </div>
  );
}
