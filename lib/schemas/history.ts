import { z } from 'zod';

export const listChecksQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** A check id from nextCursor, or an ISO time. */
  before: z.string().trim().min(1).max(64).optional(),
});
export type ListChecksQuery = z.infer<typeof listChecksQuerySchema>;

export const uptimeQuerySchema = z.strictObject({
  hours: z.coerce.number().int().min(1).max(720).default(24),
});

export const listIncidentsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const listAlertsQuerySchema = listIncidentsQuerySchema;

/** The dashboard's feed: everything, or only what changed since a cursor it was given. */
export const dashboardFeedQuerySchema = z.strictObject({
  since: z.coerce
    .number({ error: 'since must be a cursor from an earlier answer' })
    .int('since must be a cursor from an earlier answer')
    .min(0, 'since must be a cursor from an earlier answer')
    // The latest instant a Date can hold.
    .max(8_640_000_000_000_000, 'since must be a cursor from an earlier answer')
    .optional(),
});

/** The newest checks of the monitors on screen (the heartbeat bars). */
export const heartbeatsQuerySchema = z.strictObject({
  ids: z
    .string({ error: 'ids is required' })
    .transform((v) => [...new Set(v.split(',').map((s) => s.trim()).filter(Boolean))])
    .pipe(z.array(z.string().max(64)).min(1, 'ids must name at least one monitor').max(200, 'At most 200 monitors at once')),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
