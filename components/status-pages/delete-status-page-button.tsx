'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState, type FormEvent } from 'react';
import { api } from '@/components/api-client';
import { Button } from '@/components/ui/button';
import { inputClass, Notice } from '@/components/ui/field';

/**
 * Deleting asks for the slug to be typed, so a slip of the mouse cannot take a public page down.
 * It stands outside the editor's form: its dialog holds a form of its own, and forms do not nest.
 */
export function DeleteStatusPageButton({ pageId, slug }: { pageId: string; slug: string }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const matches = typed.trim() === slug;

  function open() {
    setTyped('');
    setError(null);
    dialog.current?.showModal();
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!matches) return;
    setBusy(true);
    const res = await api(`/api/status-pages/${pageId}`, { method: 'DELETE' });
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    dialog.current?.close();
    router.push('/status-pages');
    router.refresh();
  }

  return (
    <>
      <Button variant="danger" size="sm" onClick={open}>
        Delete page
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-zinc-950/50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <form onSubmit={submit} className="space-y-4 p-5">
          <h2 id={titleId} className="text-base font-semibold">
            Delete this status page?
          </h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Its address stops working at once and its incidents are deleted with it. The monitors themselves stay. This cannot be undone.
          </p>
          <div className="space-y-1">
            <label htmlFor="delete-page-confirm" className="block text-sm">
              Type <span className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-xs break-all dark:bg-zinc-800">{slug}</span> to confirm
            </label>
            <input
              id="delete-page-confirm"
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
              {busy ? 'Deleting…' : 'Delete status page'}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
