'use client';

import type { Connectivity } from '@/components/dashboard/dashboard-api';
import { sinceClock } from '@/lib/ui/view-models';
import { useTimeZone } from '@/components/ui/time';

// Pingboard's own network is down (every connectivity canary fails): failed checks say nothing
// about the sites, so they are stored as "Pingboard offline" and alert nobody. Said above the
// list, loudly, until the feed reports the network back.

export function ConnectivityBanner({ connectivity }: { connectivity: Connectivity }) {
  const tz = useTimeZone();
  if (connectivity.state !== 'offline') return null;
  const since = connectivity.offlineSince ? Date.parse(connectivity.offlineSince) : Number.NaN;
  return (
    <div
      role="alert"
      data-testid="connectivity-banner"
      className="flex flex-wrap items-center gap-x-4 gap-y-1 rounded-lg border border-zinc-400 bg-zinc-900 px-4 py-3 text-white dark:border-zinc-600 dark:bg-zinc-100 dark:text-zinc-900"
    >
      <svg viewBox="0 0 16 16" className="size-5 shrink-0" aria-hidden="true">
        <path d="M1.5 6a9.5 9.5 0 0 1 13 0M4 8.8a6 6 0 0 1 8 0M6.4 11.4a2.5 2.5 0 0 1 3.2 0" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
        <path d="M2 2l12 12" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      </svg>
      <p className="font-semibold">
        Pingboard cannot reach the network
        {Number.isFinite(since) ? <span suppressHydrationWarning> since {sinceClock(since, tz)}</span> : null}
      </p>
      <p className="text-sm opacity-90">Failed checks are stored as &ldquo;Pingboard offline&rdquo; and alert nobody until it is back.</p>
    </div>
  );
}
