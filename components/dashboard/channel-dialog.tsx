'use client';

import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/field';
import { Modal } from '@/components/dashboard/modal';
import { monitorsWord } from '@/components/dashboard/bulk-confirm';
import { fetchChannels, type ChannelChoice } from '@/components/dashboard/dashboard-api';

// "Set notification channels" for the selection: the channels ticked here replace each
// selected monitor's channels. The list of channels is fetched when the dialog opens.

export function ChannelDialog({ count, open, onCancel, onSave }: { count: number; open: boolean; onCancel: () => void; onSave: (channelIds: string[]) => Promise<string | null> }) {
  const [channels, setChannels] = useState<ChannelChoice[] | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!open) return;
    let live = true;
    setChosen([]);
    setError(null);
    void fetchChannels().then((res) => {
      if (!live) return;
      if (res.ok) setChannels(res.data.channels);
      else setError(res.error.message);
    });
    return () => {
      live = false;
    };
  }, [open]);
  return (
    <Modal open={open} title={`Notification channels of ${monitorsWord(count)}`} testId="bulk-channels-dialog" onClose={onCancel}>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">The channels ticked here replace the channels of every selected monitor.</p>
      {channels === null && !error ? <p className="text-sm">Loading channels…</p> : null}
      {channels && channels.length === 0 ? <p className="text-sm">No channels yet: add one on the Notifications page.</p> : null}
      {channels?.length ? (
        <ul className="max-h-64 space-y-1.5 overflow-y-auto">
          {channels.map((c) => (
            <li key={c.id}>
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  className="size-4 accent-zinc-900 dark:accent-zinc-100"
                  checked={chosen.includes(c.id)}
                  onChange={(e) => setChosen((cur) => (e.target.checked ? [...cur, c.id] : cur.filter((id) => id !== c.id)))}
                />
                <span className="font-medium">{c.name}</span>
                <span className="text-xs text-zinc-500 dark:text-zinc-400">{c.kind}</span>
              </label>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? <Notice>{error}</Notice> : null}
      <div className="flex justify-end gap-2">
        <Button onClick={onCancel}>Cancel</Button>
        <Button
          variant="primary"
          disabled={busy || channels === null}
          onClick={async () => {
            setBusy(true);
            const err = await onSave(chosen);
            setBusy(false);
            setError(err);
          }}
        >
          {chosen.length ? `Use ${chosen.length} ${chosen.length === 1 ? 'channel' : 'channels'}` : 'Remove all channels'}
        </Button>
      </div>
    </Modal>
  );
}
