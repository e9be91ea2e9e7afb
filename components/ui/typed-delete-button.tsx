'use client';

import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { inputClass, Notice } from '@/components/ui/field';

/**
 * A "Delete" button whose dialog asks for a word (a URL, a slug) to be typed, so a slip of the
 * mouse cannot delete something others depend on. Monitors and status pages use it.
 */
export function TypedDeleteButton({
  buttonLabel,
  title,
  confirmText,
  confirmLabel,
  inputId,
  onDelete,
  children,
}: {
  buttonLabel: string;
  title: string;
  /** What must be typed. */
  confirmText: string;
  confirmLabel: string;
  inputId: string;
  /** Resolves to an error message, or null once deleted. */
  onDelete: () => Promise<string | null>;
  /** What deleting it means. */
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const matches = typed.trim() === confirmText;

  function open() {
    setTyped('');
    setError(null);
    dialog.current?.showModal();
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!matches) return;
    setBusy(true);
    const err = await onDelete();
    setBusy(false);
    if (err) setError(err);
    else dialog.current?.close();
  }

  return (
    <>
      <Button variant="danger" size="sm" onClick={open}>
        {buttonLabel}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-zinc-950/50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <form onSubmit={submit} className="space-y-4 p-5">
          <h2 id={titleId} className="text-base font-semibold">
            {title}
          </h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">{children}</p>
          <div className="space-y-1">
            <label htmlFor={inputId} className="block text-sm">
              Type <span className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-xs break-all dark:bg-zinc-800">{confirmText}</span> to confirm
            </label>
            <input
              id={inputId}
              name="confirm"
              autoComplete="off"
              spellCheck={false}
              className={`${inputClass} font-mono`}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
            />
          </div>
          {error ? <Notice>{error}</Notice> : null}
          <div className="flex justify-end gap-2">
            <Button onClick={() => dialog.current?.close()}>Cancel</Button>
            <Button type="submit" variant="danger" disabled={!matches || busy}>
              {busy ? 'Deleting…' : confirmLabel}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
