import 'server-only';
import * as apiKeys from '@/lib/data/api-keys';
import { generateApiKey } from '@/lib/auth/api-keys';
import { InvalidError } from '@/lib/errors';
import { MAX_API_KEYS_PER_USER, type CreateApiKeyInput } from '@/lib/schemas/api-key';

// API keys as one step each. The key itself leaves the server once, in the answer to its
// creation; only its hash and prefix are kept. Routes reach these only with the password's
// session (apiRoute's allowApiKey: false), so a key cannot make or revoke keys.

export interface CreatedApiKey {
  key: string;
  apiKey: apiKeys.ApiKeyRow;
}

export async function createApiKeyFor(userId: string, input: CreateApiKeyInput, now = new Date()): Promise<CreatedApiKey> {
  const expiresAt = input.expiresAt ?? null;
  if (expiresAt && expiresAt.getTime() <= now.getTime()) throw InvalidError.field(['expiresAt'], 'expiresAt must be in the future');
  const { key, prefix, hash } = generateApiKey();
  const apiKey = await apiKeys.createApiKey(userId, { name: input.name, scope: input.scope, prefix, hash, expiresAt }, MAX_API_KEYS_PER_USER);
  return { key, apiKey };
}

export const listApiKeysFor = (userId: string) => apiKeys.listApiKeys(userId);
export const revokeApiKeyFor = (userId: string, id: string) => apiKeys.deleteApiKey(userId, id);
