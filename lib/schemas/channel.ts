import { z } from 'zod';
import { CHANNEL_KINDS } from '@/lib/alerting/channel-types';

// Channel request bodies. `settings` is checked here only as an object: each kind's own
// schema (in its provider module) validates it, with issue paths under ['settings', ...].

const name = z.string().trim().min(1, 'Name is required').max(100, 'Name must be at most 100 characters');
const settings = z.record(z.string(), z.unknown(), { error: 'Settings must be an object' });

export const channelKindSchema = z.enum(CHANNEL_KINDS, { error: `Kind must be one of ${CHANNEL_KINDS.join(', ')}` });

export const createChannelSchema = z.strictObject({
  kind: channelKindSchema,
  name,
  settings,
  enabled: z.boolean().optional(),
  isDefault: z.boolean().optional(),
});
export type CreateChannelInput = z.infer<typeof createChannelSchema>;

/** Secret settings left out (or null) keep their stored value; `kind` cannot change. */
export const updateChannelSchema = z.strictObject({
  kind: channelKindSchema.optional(),
  name: name.optional(),
  settings: settings.optional(),
  enabled: z.boolean().optional(),
  isDefault: z.boolean().optional(),
});
export type UpdateChannelInput = z.infer<typeof updateChannelSchema>;

export const MAX_CHANNELS_PER_USER = 50;
