'use client';

import { useState } from 'react';
import type { ChannelDto } from '@/lib/dto/channels';
import type { ChannelKindInfo } from '@/lib/ui/channel-kinds';
import { api } from '@/components/api-client';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Notice } from '@/components/ui/field';
import { ChannelStatusBadge } from '@/components/notifications/channel-status-badge';
import { ChannelForm } from '@/components/notifications/channel-form';
import { DeleteChannelButton } from '@/components/notifications/delete-channel-button';

type TestResult = { ok: boolean; providerStatus?: number; error?: string };

/** One channel: what it is and whether it works, with test, enable, default, edit and delete. */
export function ChannelItem({ channel, kinds, onChanged }: { channel: ChannelDto; kinds: ChannelKindInfo[]; onChanged: () => Promise<void> }) {
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState<null | 'test' | 'toggle'>(null);
  const [test, setTest] = useState<TestResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A toggle shows its new state at once; the list reloaded from the server then confirms it.
  const [pending, setPending] = useState<{ enabled?: boolean; isDefault?: boolean }>({});
  const label = kinds.find((k) => k.kind === channel.kind)?.label ?? channel.kind;
  const id = `channel-${channel.id}`;

  async function sendTest() {
    setBusy('test');
    setTest(null);
    setError(null);
    const res = await api<TestResult>(`/api/channels/${channel.id}/test`, { method: 'POST' });
    setBusy(null);
    if (res.ok) setTest(res.data);
    else setError(res.error.message);
  }

  async function patch(body: { enabled?: boolean; isDefault?: boolean }) {
    setBusy('toggle');
    setError(null);
    setPending((p) => ({ ...p, ...body }));
    const res = await api(`/api/channels/${channel.id}`, { method: 'PATCH', body });
    if (!res.ok) setError(res.error.message);
    await onChanged();
    setPending((p) => Object.fromEntries(Object.entries(p).filter(([k]) => !(k in body))));
    setBusy(null);
  }

  async function remove(): Promise<string | null> {
    const res = await api(`/api/channels/${channel.id}`, { method: 'DELETE' });
    if (!res.ok) return res.error.message;
    await onChanged();
    return null;
  }

  return (
    <li data-channel-id={channel.id} aria-labelledby={`${id}-name`} className="space-y-3 px-4 py-3">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h2 id={`${id}-name`} className="truncate font-medium">
              {channel.name}
            </h2>
            <ChannelStatusBadge status={channel.status} />
          </div>
          <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
            {label} · {channel.monitorCount === 1 ? '1 monitor' : `${channel.monitorCount} monitors`}
            {channel.status === 'unconfirmed' ? ' · open the link sent to the address to confirm it' : ''}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Button size="sm" onClick={sendTest} disabled={busy !== null}>
            {busy === 'test' ? 'Sending…' : 'Send test'}
            <span className="sr-only"> to {channel.name}</span>
          </Button>
          <Button size="sm" onClick={() => setEditing((v) => !v)} aria-expanded={editing}>
            Edit<span className="sr-only"> {channel.name}</span>
          </Button>
          <DeleteChannelButton name={channel.name} monitorCount={channel.monitorCount} onDelete={remove} />
        </div>
      </div>
      <div className="flex flex-wrap gap-x-6 gap-y-2">
        <Checkbox id={`${id}-enabled`} label={<>Enabled<span className="sr-only"> ({channel.name})</span></>} checked={pending.enabled ?? channel.enabled} onChange={(c) => patch({ enabled: c })} />
        <Checkbox
          id={`${id}-default`}
          label={<>Default for new monitors<span className="sr-only"> ({channel.name})</span></>}
          checked={pending.isDefault ?? channel.isDefault}
          onChange={(c) => patch({ isDefault: c })}
        />
      </div>
      <div aria-live="polite">
        {test ? (
          <Notice tone={test.ok ? 'success' : 'error'}>
            <span data-testid="test-result">
              {test.ok ? 'Test message sent' : `Test failed: ${test.error ?? 'no answer'}`}
              {test.providerStatus !== undefined ? ` (${channel.kind === 'email' ? 'reply' : 'HTTP'} ${test.providerStatus})` : ''}
            </span>
          </Notice>
        ) : null}
        {error ? <Notice>{error}</Notice> : null}
      </div>
      {editing ? (
        <div className="rounded-md border border-zinc-200 p-4 dark:border-zinc-800">
          <ChannelForm
            kinds={kinds}
            channel={channel}
            onCancel={() => setEditing(false)}
            onSaved={async () => {
              setEditing(false);
              await onChanged();
            }}
          />
        </div>
      ) : null}
    </li>
  );
}
