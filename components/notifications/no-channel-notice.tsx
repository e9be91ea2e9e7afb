import Link from 'next/link';
import type { ReactNode } from 'react';

/** A plain warning that alerts would reach nobody, with the way to fix it. */
export function NoChannelNotice({ children }: { children: ReactNode }) {
  return (
    <p
      data-testid="no-channel-warning"
      className="flex flex-wrap items-baseline gap-x-1.5 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-200"
    >
      <span aria-hidden="true">⚠</span>
      <span>
        {children}{' '}
        <Link href="/notifications" className="font-medium underline underline-offset-2 hover:no-underline">
          Set one up
        </Link>
      </span>
    </p>
  );
}
