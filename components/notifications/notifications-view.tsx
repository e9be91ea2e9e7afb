'use client';

import { useState } from 'react';
import type { ChannelDto } from '@/lib/dto/channels';
import type { ChannelKindInfo } from '@/lib/ui/channel-kinds';
import { api } from '@/components/api-client';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/field';
import { ChannelForm } from '@/components/notifications/channel-form';
import { ChannelItem } from '@/components/notifications/channel-item';

/** The Notifications page: every channel of the user, and the form to add one. */
export function NotificationsView({ initialChannels, kinds }: { initialChannels: ChannelDto[]; kinds: ChannelKindInfo[] }) {
  const [channels, setChannels] = useState(initialChannels);
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  async function reload() {
    const res = await api<{ channels: ChannelDto[] }>('/api/channels');
    if (!res.ok) return setLoadError(res.error.message);
    setLoadError(null);
    setChannels(res.data.channels);
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Notifications</h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Where Pingboard tells you a monitor went down or came back. Each monitor chooses its channels in its form.</p>
        </div>
        {adding ? null : (
          <Button
            variant="primary"
            onClick={() => {
              setAdded(null);
              setAdding(true);
            }}
          >
            <span aria-hidden="true">+</span> Add channel
          </Button>
        )}
      </div>
      {loadError ? <Notice tone="info">Could not refresh the list ({loadError}).</Notice> : null}
      {added ? <Notice tone="success">Channel “{added}” added. Send a test to check it, then choose it in your monitors’ forms.</Notice> : null}
      {adding ? (
        <Card className="p-5" aria-labelledby="add-channel-title">
          <h2 id="add-channel-title" className="mb-4 text-base font-semibold">
            Add a channel
          </h2>
          <ChannelForm
            kinds={kinds}
            onCancel={() => setAdding(false)}
            onSaved={async (c) => {
              setAdding(false);
              setAdded(c.name);
              await reload();
            }}
          />
        </Card>
      ) : null}
      {channels.length === 0 ? (
        adding ? null : <EmptyState onAdd={() => setAdding(true)} />
      ) : (
        <Card>
          <ul aria-label="Channels" className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {channels.map((c) => (
              <ChannelItem
                key={c.id}
                channel={c}
                kinds={kinds}
                onChanged={async () => {
                  setAdded(null);
                  await reload();
                }}
              />
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}

function EmptyState({ onAdd }: { onAdd: () => void }) {
  return (
    <div className="rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-12 text-center dark:border-zinc-700 dark:bg-zinc-900">
      <h2 className="text-base font-semibold">No notification channels yet</h2>
      <p className="mx-auto mt-1 max-w-md text-sm text-zinc-600 dark:text-zinc-400">
        Until you add one, nobody is told when a monitor goes down. Add an email address, a chat webhook or a push service.
      </p>
      <Button variant="primary" className="mt-5" onClick={onAdd}>
        Add your first channel
      </Button>
    </div>
  );
}
