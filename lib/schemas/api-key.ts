import { z } from 'zod';

// API key bodies, shared by the API and the settings form.

export const API_KEY_SCOPES = ['read', 'write'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** Enough for every script and CI job of one person, few enough that a list stays readable. */
export const MAX_API_KEYS_PER_USER = 50;

export const createApiKeySchema = z.strictObject({
  name: z.string({ error: 'Name must be text' }).trim().min(1, 'Name is required').max(100, 'Name must be at most 100 characters'),
  scope: z.enum(API_KEY_SCOPES, { error: 'Scope must be "read" or "write"' }),
  /** Null or left out: the key never expires. Must lie in the future (checked with the server's clock). */
  expiresAt: z.iso
    .datetime({ offset: true, error: 'expiresAt must be an ISO 8601 date and time with an offset, e.g. 2027-01-31T00:00:00Z' })
    .transform((s) => new Date(s))
    .nullable()
    .optional(),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;
