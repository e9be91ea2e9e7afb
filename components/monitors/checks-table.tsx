'use client';

import { Fragment, useState } from 'react';
import type { CheckDto } from '@/lib/dto';
import { checkReason, formatLatency } from '@/lib/ui/view-models';
import { StatusBadge } from '@/components/ui/status-badge';
import { LocalTime } from '@/components/ui/time';
import { Button } from '@/components/ui/button';
import { CheckWaterfall } from '@/components/monitors/check-waterfall';

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
  // Expanded rows, by check id, so a refresh that brings new checks keeps them open.
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });
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
              checks.map((c) => {
                const expanded = open.has(c.id);
                return (
                  <Fragment key={c.id}>
                    <tr data-check-id={c.id}>
                      <td className="px-4 py-1.5 whitespace-nowrap tabular-nums">
                        <button
                          type="button"
                          aria-expanded={expanded}
                          aria-controls={expanded ? `timing-${c.id}` : undefined}
                          title="Show request timing"
                          className="inline-flex items-center gap-1 rounded hover:underline"
                          onClick={() => toggle(c.id)}
                        >
                          <span aria-hidden="true" className={expanded ? 'inline-block rotate-90' : 'inline-block'}>
                            ▸
                          </span>
                          <LocalTime iso={c.checkedAt} />
                          <span className="sr-only"> timing</span>
                        </button>
                      </td>
                      <td className="px-2 py-1.5">
                        <StatusBadge status={c.status === 'UP' || c.status === 'DOWN' || c.status === 'BLOCKED' ? c.status : 'PENDING'} />
                      </td>
                      <td className="px-2 py-1.5 text-right font-mono tabular-nums">{c.statusCode ?? '—'}</td>
                      <td className="px-2 py-1.5 text-right tabular-nums">{formatLatency(c.latencyMs)}</td>
                      <td className="max-w-[24rem] truncate px-4 py-1.5 text-zinc-600 dark:text-zinc-400" title={checkReason(c)}>
                        {checkReason(c) || '—'}
                      </td>
                    </tr>
                    {expanded ? (
                      <tr id={`timing-${c.id}`} data-timing-for={c.id} className="bg-zinc-50 dark:bg-zinc-950/40">
                        <td colSpan={5} className="px-4 py-2">
                          <div className="max-w-xl">
                            <CheckWaterfall timings={c.timings} />
                          </div>
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })
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
