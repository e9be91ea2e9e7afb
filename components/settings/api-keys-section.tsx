'use client';

import { useCallback, useEffect, useState } from 'react';
import type { ApiKeyDto } from '@/lib/dto/api-keys';
import { api } from '@/components/api-client';
import { Notice } from '@/components/ui/field';
import { Skeleton, LoadingRegion } from '@/components/ui/skeleton';
import { LocalTime, RelativeTime, useNow } from '@/components/ui/time';
import { ConfirmDeleteButton } from '@/components/ui/confirm-delete-button';
import { ApiKeyForm, NewApiKeyNotice, type CreatedKey } from '@/components/settings/api-key-form';

// API keys for scripts and CI: create one (the key is shown once, here), see when each was last
// used, revoke. The list comes from GET /api/keys; only this browser's session may manage keys.

export function ApiKeysSection() {
  const [keys, setKeys] = useState<ApiKeyDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedKey | null>(null);

  const load = useCallback(async () => {
    const res = await api<{ apiKeys: ApiKeyDto[] }>('/api/keys');
    if (res.ok) {
      setKeys(res.data.apiKeys);
      setError(null);
    } else setError(res.error.message);
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  async function revoke(id: string): Promise<string | null> {
    const res = await api(`/api/keys/${id}`, { method: 'DELETE' });
    if (!res.ok && res.status !== 404) return res.error.message;
    if (created?.apiKey.id === id) setCreated(null);
    await load();
    return null;
  }

  return (
    <div className="space-y-4 p-4 text-sm">
      <p className="text-zinc-600 dark:text-zinc-400">
        Scripts and CI call the API with <code className="font-mono text-xs">Authorization: Bearer &lt;key&gt;</code>. A read key can only read; a write key
        can also create, change and delete. No key can manage the account or its keys. Logging out leaves keys working; changing the password revokes
        them all.
      </p>
      {created ? <NewApiKeyNotice created={created} onDone={() => setCreated(null)} /> : null}
      <ApiKeyForm
        onCreated={async (c) => {
          setCreated(c);
          await load();
        }}
      />
      {error ? <Notice>{error}</Notice> : null}
      {keys === null ? (
        error ? null : (
          <LoadingRegion label="Loading API keys">
            <Skeleton className="h-10 w-full" />
          </LoadingRegion>
        )
      ) : keys.length === 0 ? (
        <p className="text-zinc-600 dark:text-zinc-400">No API keys yet.</p>
      ) : (
        <ul aria-label="API keys" className="divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {keys.map((k) => (
            <ApiKeyItem key={k.id} apiKey={k} onRevoke={() => revoke(k.id)} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ApiKeyItem({ apiKey: k, onRevoke }: { apiKey: ApiKeyDto; onRevoke: () => Promise<string | null> }) {
  const now = useNow();
  const expired = k.expiresAt !== null && new Date(k.expiresAt).getTime() <= now;
  return (
    <li data-api-key-id={k.id} className="flex flex-wrap items-start justify-between gap-3 px-3 py-2.5">
      <div className="min-w-0 space-y-0.5">
        <div className="flex flex-wrap items-center gap-2">
          <span className="truncate font-medium">{k.name}</span>
          <span className="rounded border border-zinc-300 px-1.5 text-xs text-zinc-700 dark:border-zinc-700 dark:text-zinc-300">
            {k.scope === 'write' ? 'read and write' : 'read only'}
          </span>
          <code className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{k.prefix}…</code>
        </div>
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          Created <LocalTime iso={k.createdAt} /> · Last used <RelativeTime iso={k.lastUsedAt} /> ·{' '}
          {k.expiresAt === null ? (
            'Never expires'
          ) : expired ? (
            <span className="font-medium text-red-700 dark:text-red-400">
              Expired <LocalTime iso={k.expiresAt} />
            </span>
          ) : (
            <>
              Expires <LocalTime iso={k.expiresAt} />
            </>
          )}
        </p>
      </div>
      <ConfirmDeleteButton
        name={k.name}
        action="Revoke"
        busyLabel="Revoking…"
        title={`Revoke “${k.name}”?`}
        confirmLabel="Revoke key"
        onDelete={onRevoke}
      >
        Scripts using this key get 401 from their next request. This cannot be undone; make a new key if you need one again.
      </ConfirmDeleteButton>
    </li>
  );
}
