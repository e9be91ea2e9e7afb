import 'server-only';
import { getDb } from '@/lib/db/client';
import type { ApiKey } from '@/lib/generated/prisma/client';
import { LimitReachedError, NotFoundError } from '@/lib/errors';
import { lockUserForWrite, sessionSelect, type SessionUser } from '@/lib/data/users';
import type { ApiKeyScope } from '@/lib/schemas/api-key';

// A user's API keys. Every function but the lookup by hash takes the owner's id and puts it in
// the where clause, so another user's key is indistinguishable from a missing one. The lookup
// by hash is how a request's key finds its user; the hash is unique across the install.

/** A key as lists show it: everything but the hash. */
export type ApiKeyRow = Omit<ApiKey, 'hash' | 'userId'>;
const rowSelect = { id: true, name: true, scope: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true } as const;

export interface ApiKeyData {
  name: string;
  scope: ApiKeyScope;
  prefix: string;
  hash: string;
  expiresAt: Date | null;
}

export function listApiKeys(userId: string): Promise<ApiKeyRow[]> {
  return getDb().apiKey.findMany({ where: { userId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: rowSelect });
}

export async function createApiKey(userId: string, data: ApiKeyData, maxPerUser: number): Promise<ApiKeyRow> {
  return getDb().$transaction(async (tx) => {
    // Counted inside the write transaction, after locking the user, so parallel creates (on any instance) cannot slip past the limit.
    await lockUserForWrite(tx, userId);
    if ((await tx.apiKey.count({ where: { userId } })) >= maxPerUser) {
      throw new LimitReachedError(`You can have at most ${maxPerUser} API keys; revoke one you no longer use`);
    }
    return tx.apiKey.create({ data: { ...data, userId }, select: rowSelect });
  });
}

/** Revocation is deletion: the next request with the key finds nothing, on every instance. */
export async function deleteApiKey(userId: string, id: string): Promise<void> {
  const { count } = await getDb().apiKey.deleteMany({ where: { id, userId } });
  if (count === 0) throw new NotFoundError('API key');
}

export interface ApiKeyCredential {
  id: string;
  scope: ApiKeyScope;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  user: SessionUser;
}

export function findApiKeyByHash(hash: string): Promise<ApiKeyCredential | null> {
  return getDb().apiKey.findUnique({
    where: { hash },
    select: { id: true, scope: true, expiresAt: true, lastUsedAt: true, user: { select: sessionSelect } },
  });
}

/**
 * Records a use unless one was recorded since `staleBefore`: a conditional update, so of many
 * requests (on any instance) within the same minute at most one writes.
 */
export async function recordApiKeyUse(id: string, now: Date, staleBefore: Date): Promise<void> {
  await getDb().apiKey.updateMany({ where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: staleBefore } }] }, data: { lastUsedAt: now } });
}
