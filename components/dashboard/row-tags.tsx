'use client';

import { useEffect, useId, useRef, useState } from 'react';
import type { TagInfo } from '@/lib/ui/dashboard-list';
import { TagChip } from '@/components/dashboard/tag-chip';
import { inputClass } from '@/components/ui/field';
import { cn } from '@/components/ui/cn';

// A monitor's tags beside its name, and a small editor to change them in place: tick the tags
// it should carry, or type a new one. Each change is saved at once (PATCH tagIds).

const SHOWN_CHIPS = 2;

export function RowTags({
  monitorId,
  monitorName,
  chips,
  tags,
  tabIndex,
  onChange,
  onCreate,
}: {
  monitorId: string;
  monitorName: string;
  chips: readonly TagInfo[];
  tags: readonly TagInfo[];
  tabIndex: number;
  onChange: (tagIds: string[]) => Promise<string | null>;
  onCreate: (name: string) => Promise<TagInfo | string>;
}) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [draft, setDraft] = useState('');
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!panel.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    panel.current?.querySelector<HTMLElement>('input')?.focus();
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  // Ticks show at once; the row's chips follow when the server has saved them.
  const [pending, setPending] = useState<string[] | null>(null);
  const current = pending ?? chips.map((t) => t.id);
  async function save(next: string[]) {
    setBusy(true);
    setPending(next);
    const err = await onChange(next);
    setPending(null);
    setBusy(false);
    setError(err);
  }
  async function create() {
    const name = draft.trim();
    if (!name) return;
    setBusy(true);
    const made = await onCreate(name);
    if (typeof made === 'string') {
      setBusy(false);
      setError(made);
      return;
    }
    setDraft('');
    setBusy(false);
    await save([...current, made.id]);
  }

  return (
    <span className="relative flex min-w-0 shrink items-center gap-1">
      <span data-row-chips className="flex min-w-0 items-center gap-1">
        {chips.slice(0, SHOWN_CHIPS).map((t) => (
          <TagChip key={t.id} tag={t} />
        ))}
        {chips.length > SHOWN_CHIPS ? (
          <span className="text-xs whitespace-nowrap text-zinc-500 dark:text-zinc-400" title={chips.slice(SHOWN_CHIPS).map((t) => t.name).join(', ')}>
            +{chips.length - SHOWN_CHIPS}
          </span>
        ) : null}
      </span>
      <button
        ref={button}
        type="button"
        tabIndex={tabIndex}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-label={`Edit tags of ${monitorName}`}
        title="Edit tags"
        onClick={() => setOpen((o) => !o)}
        className={cn(
          'inline-flex size-5 shrink-0 items-center justify-center rounded text-zinc-400 hover:bg-zinc-200 hover:text-zinc-700 dark:hover:bg-zinc-700 dark:hover:text-zinc-200',
          open ? 'opacity-100' : 'opacity-60 group-hover:opacity-100 group-focus-within:opacity-100',
        )}
      >
        <svg viewBox="0 0 16 16" className="size-3.5" aria-hidden="true">
          <path d="M2 2h5.5L14 8.5 8.5 14 2 7.5z" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" />
          <circle cx="5" cy="5" r="1.2" fill="currentColor" />
        </svg>
      </button>
      {open ? (
        <div
          ref={panel}
          id={panelId}
          role="group"
          aria-label={`Tags of ${monitorName}`}
          data-row-tags={monitorId}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setOpen(false);
              button.current?.focus();
            }
          }}
          className="absolute top-full left-0 z-30 mt-1 w-64 space-y-2 rounded-lg border border-zinc-200 bg-white p-3 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
        >
          {tags.length ? (
            <ul className="max-h-48 space-y-1 overflow-y-auto">
              {tags.map((t) => (
                <li key={t.id}>
                  <label className="flex items-center gap-2">
                    <input
                      type="checkbox"
                      className="size-4 accent-zinc-900 dark:accent-zinc-100"
                      checked={current.includes(t.id)}
                      disabled={busy}
                      onChange={(e) => void save(e.target.checked ? [...current, t.id] : current.filter((id) => id !== t.id))}
                    />
                    <TagChip tag={t} />
                  </label>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-xs text-zinc-500 dark:text-zinc-400">No tags yet: name the first one.</p>
          )}
          <form
            className="flex gap-1.5"
            onSubmit={(e) => {
              e.preventDefault();
              void create();
            }}
          >
            <input className={cn(inputClass, 'h-8 py-1')} value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="New tag" aria-label="New tag name" maxLength={40} />
            <button type="submit" disabled={busy || !draft.trim()} className="h-8 rounded-md bg-zinc-900 px-2.5 text-sm font-medium text-white disabled:opacity-50 dark:bg-zinc-100 dark:text-zinc-900">
              Add
            </button>
          </form>
          {error ? (
            <p role="alert" className="text-xs text-red-700 dark:text-red-400">
              {error}
            </p>
          ) : null}
        </div>
      ) : null}
    </span>
  );
}
