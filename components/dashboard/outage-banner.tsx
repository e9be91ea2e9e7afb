'use client';

import type { Outage } from '@/lib/ui/dashboard-list';
import { sinceClock } from '@/lib/ui/view-models';
import { useTimeZone } from '@/components/ui/time';
import { Button } from '@/components/ui/button';

// A mass outage read as one: "212 of 309 monitors are down since 10:42", above the list, with
// a way to see only those. The time is the viewer's, with the date when it is not today.

export function OutageBanner({ outage, downFirst, onlyDown, showingOnlyDown }: { outage: Outage; downFirst: boolean; onlyDown: () => void; showingOnlyDown: boolean }) {
  const tz = useTimeZone();
  return (
    <div
      role="status"
      data-testid="outage-banner"
      className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-red-900 dark:border-red-900 dark:bg-red-950/50 dark:text-red-200"
    >
      <svg viewBox="0 0 16 16" className="size-5 shrink-0" aria-hidden="true">
        <path d="M8 1.5 15 14H1z" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
        <path d="M8 6v3.5M8 11.5v.5" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      </svg>
      <p className="font-semibold">
        {outage.down} of {outage.total} {outage.total === 1 ? 'monitor is' : 'monitors are'} down
        {outage.sinceMs !== null ? <span suppressHydrationWarning> since {sinceClock(outage.sinceMs, tz)}</span> : null}
      </p>
      <p className="text-sm">A shared cause (network, DNS, a common host) is likely.{downFirst ? ' Down monitors are listed first.' : ''}</p>
      {showingOnlyDown ? null : (
        <Button size="sm" className="ml-auto" onClick={onlyDown}>
          Show only down
        </Button>
      )}
    </div>
  );
}
