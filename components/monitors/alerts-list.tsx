'use client';

import type { AlertDto } from '@/lib/dto';
import { LocalTime } from '@/components/ui/time';
import { cn } from '@/components/ui/cn';

const KIND_LABEL: Record<string, string> = {
  DOWN: 'Down alert',
  UP: 'Recovery',
  REMINDER: 'Still down',
  CERT_EXPIRING: 'Certificate expiring',
  CERT_EXPIRED: 'Certificate expired',
};

const STATE_STYLE: Record<AlertDto['state'], { mark: string; className: string }> = {
  delivered: { mark: '✓', className: 'text-green-700 dark:text-green-400' },
  pending: { mark: '…', className: 'text-zinc-600 dark:text-zinc-400' },
  retrying: { mark: '↻', className: 'text-amber-700 dark:text-amber-400' },
  failed: { mark: '✗', className: 'text-red-700 dark:text-red-400' },
};

/** Deliveries of a monitor's alerts, one line per event and channel. */
export function AlertsList({ alerts, channelNames = {} }: { alerts: AlertDto[]; channelNames?: Record<string, string> }) {
  if (alerts.length === 0) {
    return <p className="px-4 py-6 text-center text-sm text-zinc-500 dark:text-zinc-400">No alerts sent for this monitor.</p>;
  }
  return (
    <ul className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800/70" data-testid="deliveries">
      {alerts.map((a) => {
        const style = STATE_STYLE[a.state];
        // A deleted channel keeps its history under its kind.
        const channel = (a.channelId && channelNames[a.channelId]) || `${a.channelKind}${a.channelId ? '' : ' (channel removed)'}`;
        return (
          <li key={a.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5 px-4 py-2" data-state={a.state}>
            <span className="font-medium">{KIND_LABEL[a.kind] ?? a.kind}</span>
            <span className="text-zinc-600 dark:text-zinc-400">→ {channel}</span>
            <span className={cn('text-xs font-medium', style.className)}>
              {style.mark} {a.state}
              {a.attempts > 1 ? ` after ${a.attempts} attempts` : ''}
              {a.lastError && a.state !== 'delivered' ? `: ${a.lastError}` : ''}
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
