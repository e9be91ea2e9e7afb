import { z } from 'zod';

// Tag bodies, shared by the API and the inline tag editor.

export const MAX_TAGS_PER_USER = 200;

const name = z.string({ error: 'Name must be text' }).trim().min(1, 'Name is required').max(40, 'Name must be at most 40 characters');
const color = z
  .string({ error: 'Colour must be text' })
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, 'Colour must be a hex colour such as #3b82f6')
  .transform((v) => v.toLowerCase());

export const createTagSchema = z.strictObject({ name, color: color.default('#64748b') });
export type CreateTagInput = z.infer<typeof createTagSchema>;

export const updateTagSchema = z.strictObject({ name, color }).partial();
export type UpdateTagInput = z.infer<typeof updateTagSchema>;
