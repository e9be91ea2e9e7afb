'use client';

import { useId, useRef, useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/field';

/**
 * A "Delete" button that asks once more in a modal dialog saying what goes with it. Used for
 * channels, incidents and maintenance windows; monitors and status pages ask for their name or
 * slug to be typed instead.
 */
export function ConfirmDeleteButton({
  name,
  title,
  confirmLabel,
  onDelete,
  children,
  action = 'Delete',
  busyLabel = 'Deleting…',
}: {
  /** What is deleted, for the button's accessible name ("Delete Database upgrade"). */
  name: string;
  title: string;
  confirmLabel: string;
  onDelete: () => Promise<string | null>;
  /** What deleting it means. */
  children: ReactNode;
  /** The button's verb, for deletions called something else ("Revoke"), and its text while busy. */
  action?: string;
  busyLabel?: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setBusy(true);
    const err = await onDelete();
    setBusy(false);
    if (err) setError(err);
    else dialog.current?.close();
  }

  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        className="text-red-700 dark:text-red-400"
        onClick={() => {
          setError(null);
          dialog.current?.showModal();
        }}
      >
        {action}<span className="sr-only"> {name}</span>
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-zinc-950/50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <div className="space-y-4 p-5">
          <h2 id={titleId} className="text-base font-semibold">
            {title}
          </h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">{children}</p>
          {error ? <Notice>{error}</Notice> : null}
          <div className="flex justify-end gap-2">
            <Button onClick={() => dialog.current?.close()}>Cancel</Button>
            <Button variant="danger" onClick={confirm} disabled={busy}>
              {busy ? busyLabel : confirmLabel}
            </Button>
          </div>
        </div>
      </dialog>
    </>
  );
}
