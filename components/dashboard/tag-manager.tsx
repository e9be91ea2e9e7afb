'use client';

import { useState } from 'react';
import { createTagSchema } from '@/lib/schemas/tag';
import type { TagInfo } from '@/lib/ui/dashboard-list';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import { cn } from '@/components/ui/cn';

// The user's tags, edited in place: each has a name and a colour, saved on its own; deleting
// asks once (the monitors keep existing, they lose the tag). New tags are checked with the
// API's own schema before they are sent.

export interface TagActions {
  create: (body: { name: string; color: string }) => Promise<string | null>;
  update: (id: string, body: { name: string; color: string }) => Promise<string | null>;
  remove: (id: string) => Promise<string | null>;
}

const PALETTE = ['#ef4444', '#f59e0b', '#22c55e', '#0ea5e9', '#6366f1', '#a855f7', '#ec4899', '#64748b'];

function TagEditor({ tag, actions }: { tag: TagInfo; actions: TagActions }) {
  const [name, setName] = useState(tag.name);
  const [color, setColor] = useState(tag.color);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const dirty = name.trim() !== tag.name || color !== tag.color;
  return (
    <li className="flex flex-wrap items-center gap-2" data-tag-editor={tag.id}>
      <input type="color" value={color} onChange={(e) => setColor(e.target.value)} aria-label={`Colour of ${tag.name}`} className="h-8 w-9 cursor-pointer rounded border border-zinc-300 bg-white p-0.5 dark:border-zinc-700 dark:bg-zinc-950" />
      <input value={name} onChange={(e) => setName(e.target.value)} aria-label={`Name of ${tag.name}`} maxLength={40} className={cn(inputClass, 'h-8 w-44 py-1')} />
      <Button size="sm" disabled={!dirty} onClick={async () => setError(await actions.update(tag.id, { name: name.trim(), color }))}>
        Save
      </Button>
      {confirming ? (
        <span className="flex items-center gap-1.5 text-sm">
          Delete “{tag.name}”?
          <Button size="sm" variant="danger" onClick={async () => setError(await actions.remove(tag.id))}>
            Delete tag
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>
            Keep
          </Button>
        </span>
      ) : (
        <Button size="sm" variant="ghost" className="text-red-700 dark:text-red-400" onClick={() => setConfirming(true)}>
          Delete<span className="sr-only"> {tag.name}</span>
        </Button>
      )}
      {error ? (
        <p role="alert" className="w-full text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </li>
  );
}

export function TagManager({ tags, actions }: { tags: readonly TagInfo[]; actions: TagActions }) {
  const [name, setName] = useState('');
  const [color, setColor] = useState(PALETTE[tags.length % PALETTE.length]);
  const [error, setError] = useState<string | null>(null);
  async function create() {
    const parsed = createTagSchema.safeParse({ name, color });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Invalid tag');
      return;
    }
    const err = await actions.create(parsed.data);
    setError(err);
    if (!err) {
      setName('');
      setColor(PALETTE[(tags.length + 1) % PALETTE.length]);
    }
  }
  return (
    <section aria-label="Manage tags" className="space-y-3 rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
      {tags.length ? (
        <ul className="space-y-2">
          {tags.map((t) => (
            <TagEditor key={`${t.id}:${t.name}:${t.color}`} tag={t} actions={actions} />
          ))}
        </ul>
      ) : null}
      <form
        className="flex flex-wrap items-center gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <input type="color" value={color} onChange={(e) => setColor(e.target.value)} aria-label="New tag colour" className="h-8 w-9 cursor-pointer rounded border border-zinc-300 bg-white p-0.5 dark:border-zinc-700 dark:bg-zinc-950" />
        <input value={name} onChange={(e) => setName(e.target.value)} aria-label="New tag name" placeholder="New tag" maxLength={40} className={cn(inputClass, 'h-8 w-44 py-1')} />
        <Button size="sm" type="submit" variant="primary">
          Create tag
        </Button>
        {error ? (
          <p role="alert" className="w-full text-xs text-red-700 dark:text-red-400">
            {error}
          </p>
        ) : null}
      </form>
    </section>
  );
}
