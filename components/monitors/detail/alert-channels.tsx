import Link from 'next/link';
import type { MonitorDto } from '@/lib/dto';
import { STATUS_LABEL, type ChannelChoice } from '@/lib/ui/channel-kinds';

/** The channels this monitor alerts, with any that cannot deliver marked, above its deliveries. */
export function AlertChannels({ monitor, channels }: { monitor: MonitorDto; channels: ChannelChoice[] }) {
  const used = channels.filter((c) => monitor.channelIds.includes(c.id));
  return (
    <p data-testid="alert-channels" className="border-b border-zinc-100 px-4 py-2 text-xs text-zinc-600 dark:border-zinc-800/70 dark:text-zinc-400">
      {used.length === 0 ? (
        'Alerts go to no channel.'
      ) : (
        <>
          Alerts go to{' '}
          {used.map((c, i) => (
            <span key={c.id}>
              {i > 0 ? ', ' : ''}
              <span className="font-medium text-zinc-800 dark:text-zinc-200">{c.name}</span>
              {c.status === 'ready' ? '' : ` (${STATUS_LABEL[c.status].toLowerCase()})`}
            </span>
          ))}
          .
        </>
      )}{' '}
      <Link href={`/monitors/${monitor.id}/edit`} className="underline underline-offset-2 hover:no-underline">
        Change
      </Link>
    </p>
  );
}
