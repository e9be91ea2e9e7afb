'use client';

import Link from 'next/link';
import { useEffect } from 'react';
import { Button, buttonClass } from '@/components/ui/button';

/** The body of every error boundary: what happened, a retry and a way home. */
export function ErrorView({ error, retry, title = 'Something went wrong' }: { error: unknown; retry?: () => void; title?: string }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  return (
    <div role="alert" className="mx-auto max-w-md rounded-lg border border-zinc-200 bg-white px-6 py-10 text-center dark:border-zinc-800 dark:bg-zinc-900">
      <p className="text-sm font-semibold text-red-700 dark:text-red-400">Error</p>
      <h1 className="mt-1 text-lg font-semibold">{title}</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        The page could not be loaded. This is usually temporary; try again in a moment.
      </p>
      {digest ? <p className="mt-2 font-mono text-xs text-zinc-500">Reference: {digest}</p> : null}
      <div className="mt-6 flex justify-center gap-2">
        {retry ? (
          <Button variant="primary" onClick={() => retry()}>
            Try again
          </Button>
        ) : null}
        <Link href="/" className={buttonClass('secondary')}>
          Back to dashboard
        </Link>
      </div>
    </div>
  );
}
