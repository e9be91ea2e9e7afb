import { expect } from 'vitest';
import { pingboardDocumentSchema, type ImportPlanItem, type PingboardDocument } from '@/lib/config-io/format';
import { monitorConfigIssues, withMonitorDefaults, type CreateMonitorInput } from '@/lib/schemas/monitor';
import { CHANNEL_PROVIDERS } from '@/lib/alerting/providers';
import type { ImporterOutput } from '@/lib/config-io/importers/draft';

// What every importer's output must be, whatever the file: a document the import reads as it
// is (the format's schema, each monitor's cross-field rules, each channel's own settings
// schema), whose references all resolve inside the document, with a reason on every skipped
// item and every note.

export function expectImportable(out: ImporterOutput): PingboardDocument {
  const parsed = pingboardDocumentSchema.safeParse(out.document);
  expect(parsed.error?.issues ?? []).toEqual([]);
  const doc = parsed.data!;
  const tagNames = new Set(doc.tags.map((t) => t.name));
  const channelKeys = new Set(doc.channels.map((c) => c.key));
  for (const m of doc.monitors) {
    const { key: _key, parent: _parent, tags, channels, ...fields } = m;
    expect(monitorConfigIssues(withMonitorDefaults({ ...fields, parentId: null } as CreateMonitorInput)), m.name).toEqual([]);
    for (const t of tags ?? []) expect(tagNames, `${m.name} tag ${t}`).toContain(t);
    for (const c of channels ?? []) expect(channelKeys, `${m.name} channel ${c}`).toContain(c);
  }
  for (const c of doc.channels) expect(CHANNEL_PROVIDERS[c.kind].settings.safeParse(c.settings).success, c.name).toBe(true);
  for (const item of [...out.skipped, ...out.notes]) expect(item.reason, item.name).toMatch(/\S/);
  return doc;
}

/** name → reason of the skipped items of one type. */
export function skippedByName(out: ImporterOutput, type: ImportPlanItem['type']): Record<string, string> {
  return Object.fromEntries(out.skipped.filter((s) => s.type === type).map((s) => [s.name, s.reason ?? '']));
}

/** The note (reason) a created item carries, or '' when it was mapped as it was. */
export function noteOf(out: ImporterOutput, type: ImportPlanItem['type'], name: string): string {
  return out.notes.find((n) => n.type === type && n.name === name)?.reason ?? '';
}
