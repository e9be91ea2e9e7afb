import { z } from 'zod';

// Status page and page-incident request bodies, shared by the API and the owner's forms.

export const MAX_SECTIONS = 50;
export const MAX_MONITORS_PER_PAGE = 500;
export const MAX_STATUS_PAGES_PER_USER = 100;

const text = (label: string, max: number) => z.string({ error: `${label} must be text` }).trim().max(max, `${label} must be at most ${max} characters`);
const optionalText = (label: string, max: number) =>
  text(label, max)
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v));

export const slugSchema = z
  .string({ error: 'Slug is required' })
  .trim()
  .min(1, 'Slug is required')
  .max(64, 'Slug must be at most 64 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Slug may use lower-case letters, digits and single dashes between them');

/** Host names only (no scheme, port or path), stored lower-case. */
const customDomain = z
  .string({ error: 'Custom domain must be a host name' })
  .trim()
  .toLowerCase()
  .max(253, 'Custom domain must be at most 253 characters')
  .regex(/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/, 'Custom domain must be a host name such as status.example.com')
  .nullable()
  .optional()
  .or(z.literal('').transform(() => null));

const httpUrl = z
  .string({ error: 'Logo URL must be a URL' })
  .trim()
  .max(2048, 'Logo URL must be at most 2048 characters')
  .refine((v) => {
    try {
      return ['http:', 'https:'].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, 'Logo URL must be an http or https URL');

const sectionMonitor = z.strictObject({
  monitorId: z.string({ error: 'monitorId is required' }).min(1, 'monitorId is required').max(64),
  displayName: optionalText('Display name', 100),
  showDetails: z.boolean({ error: 'showDetails must be true or false' }).optional(),
});

const section = z.strictObject({
  name: text('Section name', 100).min(1, 'Section name is required'),
  monitors: z.array(sectionMonitor, { error: 'monitors must be a list' }).max(MAX_MONITORS_PER_PAGE).default([]),
});

const sections = z
  .array(section, { error: 'sections must be a list' })
  .max(MAX_SECTIONS, `At most ${MAX_SECTIONS} sections`)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    let count = 0;
    list.forEach((s, si) =>
      s.monitors.forEach((m, mi) => {
        count++;
        if (seen.has(m.monitorId)) ctx.addIssue({ code: 'custom', path: [si, 'monitors', mi, 'monitorId'], message: 'A monitor can appear only once on a page' });
        seen.add(m.monitorId);
      }),
    );
    if (count > MAX_MONITORS_PER_PAGE) ctx.addIssue({ code: 'custom', path: [], message: `At most ${MAX_MONITORS_PER_PAGE} monitors per page` });
  });

const password = z
  .string({ error: 'Password must be text' })
  .max(72, 'Password must be at most 72 characters')
  .refine((v) => v === '' || v.length >= 4, 'Password must be at least 4 characters')
  .nullable()
  .optional()
  .transform((v) => (v === '' ? null : v));

const pageFields = {
  slug: slugSchema,
  title: text('Title', 120).min(1, 'Title is required'),
  description: optionalText('Description', 1000),
  logoUrl: httpUrl.nullable().optional().or(z.literal('').transform(() => null)),
  footerText: optionalText('Footer text', 500),
  published: z.boolean({ error: 'published must be true or false' }).optional(),
  /** null or "" removes it; omitted keeps it (on update). */
  password,
  customDomain,
  sections,
};

export const createStatusPageSchema = z.strictObject({ ...pageFields, sections: sections.default([]) });
export type CreateStatusPageInput = z.infer<typeof createStatusPageSchema>;

export const updateStatusPageSchema = z.strictObject(pageFields).partial();
export type UpdateStatusPageInput = z.infer<typeof updateStatusPageSchema>;
export type SectionsInput = z.infer<typeof sections>;

export const INCIDENT_IMPACTS = ['none', 'minor', 'major', 'critical'] as const;
export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;

const impact = z.enum(INCIDENT_IMPACTS, { error: `Impact must be one of ${INCIDENT_IMPACTS.join(', ')}` });
const status = z.enum(INCIDENT_STATUSES, { error: `Status must be one of ${INCIDENT_STATUSES.join(', ')}` });
const message = text('Message', 5000).min(1, 'Message is required');
const monitorIds = z
  .array(z.string().min(1).max(64), { error: 'monitorIds must be a list of monitor ids' })
  .max(MAX_MONITORS_PER_PAGE)
  .refine((ids) => new Set(ids).size === ids.length, 'Each monitor may appear only once');
/** When it happened, if not now (a late write-up); never in the future. */
const at = z.iso.datetime({ offset: true, error: 'at must be an ISO 8601 date-time' }).transform((v) => new Date(v)).optional();

export const createPageIncidentSchema = z.strictObject({
  title: text('Title', 200).min(1, 'Title is required'),
  impact,
  monitorIds: monitorIds.default([]),
  status,
  message,
  at,
});
export type CreatePageIncidentInput = z.infer<typeof createPageIncidentSchema>;

export const updatePageIncidentSchema = z
  .strictObject({ title: text('Title', 200).min(1, 'Title is required'), impact, monitorIds })
  .partial();
export type UpdatePageIncidentInput = z.infer<typeof updatePageIncidentSchema>;

export const createIncidentUpdateSchema = z.strictObject({ status, message, at });
export type CreateIncidentUpdateInput = z.infer<typeof createIncidentUpdateSchema>;

export const unlockSchema = z.object({ password: z.string().max(200) });
