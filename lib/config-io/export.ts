import { stringify } from 'yaml';
import { CHANNEL_PROVIDERS } from '@/lib/alerting/providers';
import { maskSettings } from '@/lib/alerting/channel-settings';
import type { MonitorFields } from '@/lib/schemas/monitor';
import { FORMAT_VERSION, type PingboardDocument } from '@/lib/config-io/format';
import type { ImportState } from '@/lib/config-io/plan';
import type { Existing } from '@/lib/config-io/match';

// The caller's configuration as a Pingboard document: every item keyed by its id, items
// referring to each other by name where the name is unique among their kind and by key where it
// is not, secrets (channel secrets, secret monitor headers) null unless asked for. Importing the
// export into the same account changes nothing; into another, it creates everything.

export const EXPORT_FORMATS = ['json', 'yaml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  includeSecrets: boolean;
  /** Where the JSON Schema is published, written as $schema so editors can check the file. */
  schemaUrl: string;
  now: Date;
}

/** A reference to an item: its name when no other item of its kind has it, else its key. */
function refsBy(items: Existing[]): (id: string) => string {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i.name, (counts.get(i.name) ?? 0) + 1);
  const names = new Map(items.map((i) => [i.id, counts.get(i.name) === 1 ? i.name : i.id]));
  return (id) => names.get(id) ?? id;
}

function monitorFields(fields: MonitorFields, includeSecrets: boolean) {
  const { parentId: _parent, headers, ...rest } = fields;
  return { ...rest, headers: headers.map((h) => ({ name: h.name, value: h.secret && !includeSecrets ? null : h.value, secret: h.secret ?? false })) };
}

export function buildExport(state: ImportState, options: ExportOptions): PingboardDocument {
  const monitorRef = refsBy(state.monitors);
  const channelRef = refsBy(state.channels);
  const tagName = new Map(state.tags.map((t) => [t.id, t.name]));
  return {
    $schema: options.schemaUrl,
    version: FORMAT_VERSION,
    exportedAt: options.now.toISOString(),
    monitors: state.monitors.map((m) => ({
      key: m.id,
      ...monitorFields(m.fields, options.includeSecrets),
      parent: m.fields.parentId ? monitorRef(m.fields.parentId) : null,
      tags: m.tagIds.flatMap((id) => tagName.get(id) ?? []).sort(),
      channels: m.channelIds.map(channelRef).sort(),
    })),
    tags: state.tags.map((t) => ({ key: t.id, name: t.name, color: t.color })),
    channels: state.channels.map((c) => ({
      key: c.id,
      kind: c.kind,
      name: c.name,
      settings: options.includeSecrets ? c.settings : maskSettings(CHANNEL_PROVIDERS[c.kind], c.settings),
      enabled: c.enabled,
      isDefault: c.isDefault,
    })),
    statusPages: state.statusPages.map((p) => ({
      key: p.id,
      ...p.data,
      sections: p.sections.map((s) => ({
        name: s.name,
        monitors: s.monitors.map((e) => ({ monitor: monitorRef(e.monitorId), displayName: e.displayName, showDetails: e.showDetails })),
      })),
    })),
    maintenanceWindows: state.maintenanceWindows.map((w) => ({
      key: w.id,
      title: w.data.title,
      allMonitors: w.data.allMonitors,
      monitors: w.monitorIds.map(monitorRef),
      start: w.data.startsAt?.toISOString() ?? null,
      end: w.data.endsAt?.toISOString() ?? null,
      recurrence: w.data.recurrence as PingboardDocument['maintenanceWindows'][number]['recurrence'],
      timeZone: w.data.timeZone,
    })),
  };
}

/** The document as a file: its text, media type and a dated attachment name. */
export function serializeExport(doc: PingboardDocument, format: ExportFormat, now: Date): { body: string; contentType: string; filename: string } {
  const filename = `pingboard-export-${now.toISOString().slice(0, 10)}.${format}`;
  if (format === 'yaml') return { body: stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false }), contentType: 'application/yaml; charset=utf-8', filename };
  return { body: `${JSON.stringify(doc, null, 2)}\n`, contentType: 'application/json; charset=utf-8', filename };
}
