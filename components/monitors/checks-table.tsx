'use client';

import type { CheckDto } from '@/lib/dto';
import { checkReason, formatLatency } from '@/lib/ui/view-models';
import { StatusBadge } from '@/components/ui/status-badge';
import { LocalTime } from '@/components/ui/time';
import { Button } from '@/components/ui/button';

export function ChecksTable({
  checks,
  page,
  hasOlder,
  busy,
  error,
  onOlder,
  onNewer,
}: {
  checks: CheckDto[];
  page: number;
  hasOlder: boolean;
  busy: boolean;
  error: string | null;
  onOlder: () => void;
  onNewer: () => void;
}) {
  return (
    <div>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[36rem] text-left text-sm" aria-busy={busy}>
          <caption className="sr-only">Recent checks, newest first</caption>
          <thead className="text-xs text-zinc-500 dark:text-zinc-400">
            <tr className="border-b border-zinc-200 dark:border-zinc-800">
              <th scope="col" className="px-4 py-2 font-medium">Time</th>
              <th scope="col" className="px-2 py-2 font-medium">Status</th>
              <th scope="col" className="px-2 py-2 text-right font-medium">Code</th>
              <th scope="col" className="px-2 py-2 text-right font-medium">Latency</th>
              <th scope="col" className="px-4 py-2 font-medium">Reason</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
            {checks.length === 0 ? (
              <tr>
                <td colSpan={5} className="px-4 py-6 text-center text-zinc-500 dark:text-zinc-400">
                  No checks yet.
                </td>
              </tr>
            ) : (
              checks.map((c) => (
                <tr key={c.id} data-check-id={c.id}>
                  <td className="px-4 py-1.5 whitespace-nowrap tabular-nums">
                    <LocalTime iso={c.checkedAt} />
                  </td>
                  <td className="px-2 py-1.5">
                    <StatusBadge status={c.status === 'UP' ? 'UP' : c.status === 'DOWN' ? 'DOWN' : 'PENDING'} />
                  </td>
                  <td className="px-2 py-1.5 text-right font-mono tabular-nums">{c.statusCode ?? '—'}</td>
                  <td className="px-2 py-1.5 text-right tabular-nums">{formatLatency(c.latencyMs)}</td>
                  <td className="max-w-[24rem] truncate px-4 py-1.5 text-zinc-600 dark:text-zinc-400" title={checkReason(c)}>
                    {checkReason(c) || '—'}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {error ? <p role="alert" className="px-4 py-2 text-sm text-red-700 dark:text-red-400">{error}</p> : null}
      <div className="flex items-center justify-between gap-2 border-t border-zinc-200 px-4 py-2 dark:border-zinc-800">
        <span className="text-xs text-zinc-500 dark:text-zinc-400">Page {page + 1}</span>
        <div className="flex gap-2">
          <Button size="sm" onClick={onNewer} disabled={page === 0 || busy}>
            ← Newer
          </Button>
          <Button size="sm" onClick={onOlder} disabled={!hasOlder || busy}>
            Older →
          </Button>
        </div>
      </div>
    </div>
  );
}
