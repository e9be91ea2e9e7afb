import 'server-only';
import { DomainError, InvalidError, type FieldIssue } from '@/lib/errors';
import { getEnv } from '@/lib/env';
import { applyImport, pageNamesTakenByOthers, type ImportLimits } from '@/lib/data/config-import';
import { publishSignal, SIGNAL } from '@/lib/data/signals';
import { CHANNEL_PROVIDERS } from '@/lib/alerting/providers';
import { mergeSettings } from '@/lib/alerting/channel-settings';
import { sendConfirmationEmail } from '@/lib/alerting/confirm-email';
import { workerCommands } from '@/lib/worker/command-port';
import { forgetPublicStatus } from '@/lib/status-pages/view-cache';
import { logger } from '@/lib/logger';
import { MAX_CHANNELS_PER_USER } from '@/lib/schemas/channel';
import { MAX_TAGS_PER_USER } from '@/lib/schemas/tag';
import { MAX_STATUS_PAGES_PER_USER } from '@/lib/schemas/status-page';
import { MAX_PARENT_DEPTH, PROBED_TYPES, validate as validateMonitor } from '@/lib/services/manage-monitors';
import { confirmation, validSettings } from '@/lib/services/manage-channels';
import { changed as statusPageChanged, checkCustomDomain } from '@/lib/services/manage-status-pages';
import { MAX_MAINTENANCE_PER_USER } from '@/lib/services/manage-maintenance';
import { pingboardDocumentSchema, type ImportPlanItem, type PingboardDocument } from '@/lib/config-io/format';
import { IMPORTERS, type ImportSource } from '@/lib/config-io/importers';
import { readConfigFile } from '@/lib/config-io/read-file';
import { loadConfigState } from '@/lib/config-io/state';
import { planImport, type ImportRules, type ImportState } from '@/lib/config-io/plan';

// POST /api/import: read the file, map it from its source, plan it against the caller's items
// with the same rules the create and update APIs apply, and unless it is a dry run write the
// whole plan in one transaction. Any problem refuses the whole file (400, each problem at its
// path) before anything is written. The worker, other instances' caches and email confirmations
// hear of the changes only after the transaction commits.

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export interface ImportRequest {
  text: string;
  contentType: string | null;
  source: ImportSource;
  dryRun: boolean;
}

export interface ImportOutcome {
  plan: ImportPlanItem[];
  applied: boolean;
}

const REFUSED = 'The file cannot be imported';

/** Problems a domain error carries (or its message, at the path it concerns), for the import's one list. */
function issuesOf(err: unknown, path: (string | number)[] = []): FieldIssue[] {
  if (!(err instanceof DomainError)) throw err;
  return err.details.issues?.length ? err.details.issues : [{ path, message: err.message }];
}

/** The file as a Pingboard document, mapped by the source's importer; with what the importer could not map. */
function documentOf(request: ImportRequest): { doc: PingboardDocument; skipped: ImportPlanItem[]; notes: ImportPlanItem[] } {
  const file = readConfigFile(request.text, request.contentType);
  let raw: unknown = file.data;
  let skipped: ImportPlanItem[] = [];
  let notes: ImportPlanItem[] = [];
  if (request.source !== 'pingboard') {
    const importer = IMPORTERS[request.source];
    if (!importer) throw InvalidError.field(['source'], `Importing from ${request.source} is not supported yet`);
    const result = importer(file);
    raw = result.document;
    skipped = result.skipped.map((s) => ({ ...s, action: 'skipped' as const }));
    notes = result.notes ?? [];
  }
  const parsed = pingboardDocumentSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message, code: i.code }));
    throw new InvalidError(REFUSED, issues);
  }
  return { doc: parsed.data, skipped, notes };
}

async function rulesFor(userId: string, doc: PingboardDocument): Promise<ImportRules> {
  const taken = await pageNamesTakenByOthers(
    userId,
    doc.statusPages.map((p) => p.slug),
    doc.statusPages.flatMap((p) => (p.customDomain ? [p.customDomain] : [])),
  );
  return {
    maxParentDepth: MAX_PARENT_DEPTH,
    monitorIssues(fields, previous) {
      try {
        validateMonitor(fields, previous ? { headers: previous.headers.map((h) => ({ name: h.name, value: h.value ?? '', secret: h.secret ?? false })), fields: previous } : undefined);
        return [];
      } catch (err) {
        return issuesOf(err);
      }
    },
    channelSettings(kind, raw, stored) {
      const provider = CHANNEL_PROVIDERS[kind];
      const input = provider.normalizeInput ? provider.normalizeInput(raw) : raw;
      // Secrets left null keep the stored ones; a new channel has none to keep, so they must be given.
      try {
        return { settings: validSettings(kind, mergeSettings(provider, stored ?? {}, input)) };
      } catch (err) {
        const secrets = new Set(stored ? [] : provider.secretFields);
        return {
          issues: issuesOf(err).map((i) =>
            secrets.has(String(i.path[1])) && input[String(i.path[1])] == null ? { ...i, message: `${i.message} (a secret: the file was exported without secrets)` } : i,
          ),
        };
      }
    },
    pageIssues(page) {
      const issues: FieldIssue[] = [];
      if (taken.slugs.has(page.slug)) issues.push({ path: ['slug'], message: 'Another status page already uses this slug' });
      if (page.customDomain && taken.domains.has(page.customDomain)) issues.push({ path: ['customDomain'], message: 'Another status page already uses this custom domain' });
      try {
        checkCustomDomain(page.customDomain);
      } catch (err) {
        issues.push(...issuesOf(err, ['customDomain']));
      }
      return issues;
    },
  };
}

/** An importer's notes on how it mapped an item join that item's plan line. */
function withNotes(plan: ImportPlanItem[], notes: ImportPlanItem[]): ImportPlanItem[] {
  if (notes.length === 0) return plan;
  return plan.map((line) => {
    const note = notes.find((n) => n.type === line.type && n.name === line.name);
    return note?.reason ? { ...line, reason: line.reason ? `${line.reason}; ${note.reason}` : note.reason } : line;
  });
}

function limits(): ImportLimits {
  const env = getEnv();
  return {
    monitors: env.MAX_MONITORS_PER_USER,
    tags: MAX_TAGS_PER_USER,
    channels: MAX_CHANNELS_PER_USER,
    statusPages: MAX_STATUS_PAGES_PER_USER,
    maintenanceWindows: MAX_MAINTENANCE_PER_USER,
    budget: { maxPerSecond: env.MAX_CHECKS_PER_SECOND_PER_USER, probedTypes: PROBED_TYPES },
  };
}

/** Email channels to a new address wait for their confirmation link, as the channels API has them. */
async function withConfirmations(userId: string, state: ImportState, writes: ReturnType<typeof planImport>['writes']): Promise<Set<string>> {
  const tokens = new Set<string>();
  for (const c of writes.channels) {
    const settings = c.data.settings as Record<string, unknown>;
    if (c.data.kind !== 'email') continue;
    const before = state.channels.find((s) => s.id === c.id)?.settings.address;
    if (c.id && String(before).toLowerCase() === String(settings.address).toLowerCase()) continue;
    const confirm = await confirmation(userId, 'email', settings);
    Object.assign(c.data, confirm);
    if (confirm.confirmToken) tokens.add(confirm.confirmToken);
  }
  return tokens;
}

export async function importConfig(userId: string, request: ImportRequest): Promise<ImportOutcome> {
  const { doc, skipped, notes } = documentOf(request);
  const state = await loadConfigState(userId);
  const planned = planImport(doc, state, await rulesFor(userId, doc));
  if (planned.issues.length) throw new InvalidError(REFUSED, planned.issues);
  const plan = [...withNotes(planned.plan, notes), ...skipped];
  const { writes } = planned;
  const nothingToDo = Object.values(writes).every((list) => list.length === 0);
  if (request.dryRun || nothingToDo) return { plan, applied: !request.dryRun };

  const newTokens = await withConfirmations(userId, state, writes);
  const applied = await applyImport(userId, writes, limits());
  // Committed: now the worker (re)schedules, caches forget, and new addresses get their link.
  forgetPublicStatus();
  for (const m of applied.monitors) await workerCommands().monitorChanged(m);
  for (const id of applied.statusPageIds) await statusPageChanged(id);
  for (const id of applied.maintenanceIds) {
    await publishSignal(SIGNAL.maintenance, id).catch((err: unknown) => logger.warn({ err, id }, 'signalling a maintenance change failed; workers re-read within 30 s'));
  }
  for (const c of applied.channels) {
    if (c.confirmToken && newTokens.has(c.confirmToken)) await sendConfirmationEmail(String((c.settings as Record<string, unknown>).address), c.confirmToken).catch((err: unknown) => logger.warn({ err, channelId: c.id }, 'could not send the address confirmation email'));
  }
  return { plan, applied: true };
}
