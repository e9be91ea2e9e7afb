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
