'use client';

import type { AlertDto } from '@/lib/dto';
import { causeLabel } from '@/lib/domain/cause-labels';
import { LocalTime } from '@/components/ui/time';
import { cn } from '@/components/ui/cn';

const KIND_LABEL: Record<string, string> = {
  DOWN: 'Down alert',
  UP: 'Recovery',
  REMINDER: 'Still down',
  CERT_EXPIRING: 'Certificate expiring',
  CERT_EXPIRED: 'Certificate expired',
};

export function AlertsList({ alerts }: { alerts: AlertDto[] }) {
  if (alerts.length === 0) {
    return <p className="px-4 py-6 text-center text-sm text-zinc-500 dark:text-zinc-400">No alerts sent for this monitor.</p>;
  }
  return (
    <ul className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800/70">
      {alerts.map((a) => {
        const ok = a.outcome === 'sent';
        return (
          <li key={a.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5 px-4 py-2">
            <span className="font-medium">{KIND_LABEL[a.kind] ?? a.kind}</span>
            {a.cause ? <span className="text-xs text-zinc-600 dark:text-zinc-400">{causeLabel(a.cause)}</span> : null}
            <span className="text-zinc-600 dark:text-zinc-400">
              {a.channel} → <span className="font-mono text-xs">{a.recipient}</span>
            </span>
            <span className={cn('text-xs font-medium', ok ? 'text-green-700 dark:text-green-400' : 'text-red-700 dark:text-red-400')}>
              {ok ? '✓' : '✗'} {a.outcome}
              {a.error ? `: ${a.error}` : ''}
            </span>
            <span className="ml-auto text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
              <LocalTime iso={a.createdAt} />
            </span>
          </li>
        );
      })}
    </ul>
  );
}
