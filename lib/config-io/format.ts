import { z } from 'zod';
import { monitorFieldsSchema } from '@/lib/schemas/monitor';
import { createTagSchema } from '@/lib/schemas/tag';
import { createChannelSchema } from '@/lib/schemas/channel';
import { createStatusPageSchema } from '@/lib/schemas/status-page';
import { maintenanceFieldsSchema } from '@/lib/schemas/maintenance';

// The Pingboard configuration document (docs/config-format.md): what GET /api/export writes,
// what POST /api/import?source=pingboard reads, and what the importers from other monitors
// produce. Each item's fields are the create API's own schemas (lib/schemas), minus ids; items
// refer to each other by a stable `key` (the export writes the item's id) or by name, so a file
// can be written by hand, kept in git and imported into another account. Changing the meaning
// of a field bumps `version`; adding an optional field does not.

export const FORMAT_VERSION = 1;
export const MAX_ITEMS_PER_LIST = 5000;

/** A stable identity for an item: the export writes the item's id; import matches by it before the name. */
const key = z.string({ error: 'key must be text' }).trim().min(1, 'key must not be empty').max(64, 'key must be at most 64 characters');
/** Another item of the document (or of the account) by its key, else its name. */
export const refSchema = z.string({ error: 'A reference must be a key or a name' }).trim().min(1, 'A reference must not be empty').max(200, 'A reference must be at most 200 characters');
const refList = (what: string, max: number) =>
  z
    .array(refSchema, { error: `${what} must be a list of keys or names` })
    .max(max, `At most ${max} ${what}`)
    .refine((refs) => new Set(refs).size === refs.length, `Each of ${what} may appear only once`);
const list = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item, { error: `${what} must be a list` }).max(MAX_ITEMS_PER_LIST, `At most ${MAX_ITEMS_PER_LIST} ${what}`).default([]);

/**
 * A monitor: the create API's fields (any subset, with a name; omitted fields take the
 * defaults on create and keep their stored value on update, as a PATCH does), with its parent,
 * tags and channels named instead of given by id.
 */
export const monitorItemSchema = monitorFieldsSchema
  .omit({ parentId: true })
  .partial()
  .required({ name: true })
  .extend({
    key: key.optional(),
    /** The monitor this one depends on, or null for none. */
    parent: refSchema.nullable().optional(),
    tags: refList('tags', 50).optional(),
    channels: refList('channels', 50).optional(),
  });
export type MonitorItem = z.output<typeof monitorItemSchema>;

export const tagItemSchema = createTagSchema.extend({ key: key.optional() });
export type TagItem = z.output<typeof tagItemSchema>;

/** Secret settings (the ones the API shows as null) are null unless exported with includeSecrets; null keeps a stored secret on import. */
export const channelItemSchema = createChannelSchema.extend({ key: key.optional() });
export type ChannelItem = z.output<typeof channelItemSchema>;

const sectionMonitorSchema = z.strictObject({
  monitor: refSchema,
  displayName: z.string({ error: 'Display name must be text' }).trim().max(100, 'Display name must be at most 100 characters').nullable().optional(),
  showDetails: z.boolean({ error: 'showDetails must be true or false' }).optional(),
});
const sectionSchema = z.strictObject({
  name: z.string({ error: 'Section name must be text' }).trim().min(1, 'Section name is required').max(100, 'Section name must be at most 100 characters'),
  monitors: z.array(sectionMonitorSchema, { error: 'monitors must be a list' }).max(500, 'At most 500 monitors per section').default([]),
});

/** A status page is named by its slug. Its password is never exported (only its hash is stored); an imported page keeps its own. */
export const statusPageItemSchema = createStatusPageSchema.omit({ sections: true, password: true }).extend({
  key: key.optional(),
  sections: z.array(sectionSchema, { error: 'sections must be a list' }).max(50, 'At most 50 sections').default([]),
});
export type StatusPageItem = z.output<typeof statusPageItemSchema>;

const instant = (label: string) =>
  z.iso.datetime({ offset: true, error: `${label} must be an ISO 8601 date and time with an offset, e.g. 2027-03-28T02:00:00Z` }).nullable().default(null);

/** A maintenance window is named by its title; its monitors are keys or names. */
export const maintenanceItemSchema = maintenanceFieldsSchema.omit({ monitorIds: true, start: true, end: true }).extend({
  key: key.optional(),
  monitors: refList('monitors', 1000).default([]),
  start: instant('Start'),
  end: instant('End'),
});
export type MaintenanceItem = z.output<typeof maintenanceItemSchema>;

export const pingboardDocumentSchema = z.strictObject(
  {
    /** Lets editors find the JSON Schema (/api/schemas/export.json); ignored on import. */
    $schema: z.string().optional(),
    version: z.literal(FORMAT_VERSION, { error: `version must be ${FORMAT_VERSION} (the only version this server reads)` }),
    exportedAt: z.iso.datetime({ offset: true, error: 'exportedAt must be an ISO 8601 date and time' }).optional(),
    monitors: list(monitorItemSchema, 'monitors'),
    tags: list(tagItemSchema, 'tags'),
    channels: list(channelItemSchema, 'channels'),
    statusPages: list(statusPageItemSchema, 'status pages'),
    maintenanceWindows: list(maintenanceItemSchema, 'maintenance windows'),
  },
  { error: (issue) => (issue.code === 'invalid_type' ? 'The file must be an object with version and lists of monitors, tags, channels, statusPages and maintenanceWindows' : undefined) },
);

/** A document as the schema reads it: every list present, defaults filled in. Importers return one of these. */
export type PingboardDocument = z.output<typeof pingboardDocumentSchema>;

export function emptyDocument(): PingboardDocument {
  return { version: FORMAT_VERSION, monitors: [], tags: [], channels: [], statusPages: [], maintenanceWindows: [] };
}

export const ITEM_TYPES = ['monitor', 'tag', 'channel', 'statusPage', 'maintenanceWindow'] as const;
export type ImportItemType = (typeof ITEM_TYPES)[number];
export const PLAN_ACTIONS = ['create', 'update', 'unchanged', 'skipped'] as const;
export type ImportAction = (typeof PLAN_ACTIONS)[number];

/** One line of an import plan; `reason` says why an item is skipped (or what an update changes). */
export interface ImportPlanItem {
  type: ImportItemType;
  name: string;
  action: ImportAction;
  reason?: string;
}

/** What an importer from another monitor returns: the document it could map, and what it could not (action 'skipped', with reasons). */
export interface ImporterResult {
  document: PingboardDocument;
  skipped: ImportPlanItem[];
  /** What changed on the way for items that were mapped (type, name, reason); the reason joins the item's plan line. */
  notes?: ImportPlanItem[];
}
