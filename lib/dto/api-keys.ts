import type { ApiKeyRow } from '@/lib/data/api-keys';
import { iso } from '@/lib/dto';

/** A key as the API shows it after creation: the prefix, never the key or its hash. */
export function apiKeyDto(k: ApiKeyRow) {
  return {
    id: k.id,
    name: k.name,
    scope: k.scope,
    prefix: k.prefix,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: iso(k.lastUsedAt),
    expiresAt: iso(k.expiresAt),
  };
}
export type ApiKeyDto = ReturnType<typeof apiKeyDto>;
