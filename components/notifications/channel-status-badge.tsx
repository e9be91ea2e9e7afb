import type { ChannelStatus } from '@/lib/dto/channels';
import { STATUS_LABEL } from '@/lib/ui/channel-kinds';
import { cn } from '@/components/ui/cn';

// Whether a channel can deliver now, as a word with a mark, never colour alone.
const STYLES: Record<ChannelStatus, { mark: string; box: string }> = {
  ready: { mark: '✓', box: 'bg-green-50 text-green-800 ring-green-600/30 dark:bg-green-950/60 dark:text-green-300 dark:ring-green-500/30' },
  disabled: { mark: '⏸', box: 'bg-zinc-100 text-zinc-700 ring-zinc-500/30 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-500/40' },
  unconfirmed: { mark: '…', box: 'bg-amber-50 text-amber-800 ring-amber-600/30 dark:bg-amber-950/50 dark:text-amber-300 dark:ring-amber-500/30' },
  unavailable: { mark: '!', box: 'bg-red-50 text-red-800 ring-red-600/30 dark:bg-red-950/60 dark:text-red-300 dark:ring-red-500/40' },
};

export function ChannelStatusBadge({ status }: { status: ChannelStatus }) {
  const s = STYLES[status];
  return (
    <span data-channel-status={status} className={cn('inline-flex h-6 items-center gap-1 rounded-full px-2 text-xs font-semibold ring-1 ring-inset', s.box)}>
      <span aria-hidden="true">{s.mark}</span>
      {STATUS_LABEL[status]}
    </span>
  );
}
