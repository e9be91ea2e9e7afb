'use client';

import type { MonitorDto } from '@/lib/dto';
import { formatInterval } from '@/lib/ui/view-models';
import { CopyButton } from '@/components/ui/copy-button';
import { inputClass } from '@/components/ui/field';
import { RelativeTime } from '@/components/ui/time';

/** The secret URL a job pings, how to call it, and when it last did. */
export function HeartbeatPanel({ monitor }: { monitor: MonitorDto }) {
  const url = monitor.heartbeatUrl;
  return (
    <div className="space-y-3 p-4 text-sm">
      {url ? (
        <>
          <div className="space-y-1">
            <label htmlFor="heartbeat-url" className="block font-medium">
              Heartbeat URL
            </label>
            <div className="flex gap-2">
              <input id="heartbeat-url" readOnly value={url} className={`${inputClass} font-mono text-xs`} onFocus={(e) => e.currentTarget.select()} />
              <CopyButton text={url} label="Copy heartbeat URL" sourceId="heartbeat-url" />
            </div>
            <p className="text-xs text-zinc-500 dark:text-zinc-400">Keep it secret: anyone with the URL can mark this monitor UP.</p>
          </div>
          <div>
            <p className="mb-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">At the end of your job, for example in cron:</p>
            <pre className="overflow-x-auto rounded-md bg-zinc-100 px-3 py-2 font-mono text-xs dark:bg-zinc-950" data-testid="curl-example">
              {`curl -fsS -m 10 --retry 3 ${url}\n# report a failure instead:\ncurl -fsS -m 10 --retry 3 ${url}/fail`}
            </pre>
          </div>
        </>
      ) : (
        <p className="text-zinc-600 dark:text-zinc-400">No heartbeat URL yet.</p>
      )}
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-xs">
        <dt className="text-zinc-500 dark:text-zinc-400">Last ping</dt>
        <dd data-testid="last-ping">
          <RelativeTime iso={monitor.lastHeartbeatAt} empty="never" />
        </dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Expected</dt>
        <dd>
          every {formatInterval(monitor.intervalSeconds)}, {monitor.graceSeconds} s grace
        </dd>
      </dl>
    </div>
  );
}
