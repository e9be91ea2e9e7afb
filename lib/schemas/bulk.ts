import { z } from 'zod';
import { channelIdsSchema } from '@/lib/schemas/monitor';

// One action on many monitors at once (the dashboard's selection).

export const BULK_ACTIONS = ['pause', 'resume', 'delete', 'addTag', 'removeTag', 'setChannels'] as const;
export const MAX_BULK_MONITORS = 10_000;

const monitorIds = z
  .array(z.string().min(1).max(64), { error: 'monitorIds must be a list of monitor ids' })
  .min(1, 'Choose at least one monitor')
  .max(MAX_BULK_MONITORS, `At most ${MAX_BULK_MONITORS} monitors at once`);
const tagId = z.string({ error: 'tagId is required' }).min(1, 'tagId is required').max(64);

export const bulkActionSchema = z.discriminatedUnion(
  'action',
  [
    z.strictObject({ action: z.literal('pause'), monitorIds }),
    z.strictObject({ action: z.literal('resume'), monitorIds }),
    z.strictObject({ action: z.literal('delete'), monitorIds }),
    z.strictObject({ action: z.literal('addTag'), monitorIds, tagId }),
    z.strictObject({ action: z.literal('removeTag'), monitorIds, tagId }),
    z.strictObject({ action: z.literal('setChannels'), monitorIds, channelIds: channelIdsSchema }),
  ],
  { error: `action must be one of ${BULK_ACTIONS.join(', ')}` },
);
export type BulkActionInput = z.infer<typeof bulkActionSchema>;
