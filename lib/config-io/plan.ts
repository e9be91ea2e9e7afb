import type { FieldIssue } from '@/lib/errors';
import type { ChannelKind } from '@/lib/alerting/channel-types';
import type { ImportWrites, MaintenanceWrite, StatusPageWrite } from '@/lib/data/config-import';
import type { SectionData, StatusPageData } from '@/lib/data/status-pages';
import type { MaintenanceData } from '@/lib/data/maintenance-windows';
import { maintenanceConfigIssues } from '@/lib/schemas/maintenance';
import type { ImportPlanItem, PingboardDocument } from '@/lib/config-io/format';
import { changedFields, duplicateIssues, matchItems, newSlot, planLine as item, referenceResolver, type Existing, type Slot } from '@/lib/config-io/match';
import { planMonitors, type ExistingMonitor, type MonitorRules } from '@/lib/config-io/plan-monitors';

// The import plan: what each item of a file would do to the caller's configuration (create,
// update, unchanged), every problem with its path in the file, and the writes that carry it
// out. Pure: the caller's items and the rules that need the server (a kind's settings, URL
// policy, slugs other users hold) come in as arguments, so the matching and diffing are tested
// without a database, and a dry run and a real import plan alike.

export interface ExistingTag extends Existing {
  color: string;
}

export interface ExistingChannel extends Existing {
  kind: ChannelKind;
  settings: Record<string, unknown>;
  enabled: boolean;
  isDefault: boolean;
}

export interface ExistingStatusPage {
  id: string;
  data: StatusPageData;
  sections: SectionData[];
}

export interface ExistingMaintenance {
  id: string;
  data: MaintenanceData;
  monitorIds: string[];
}

export interface ImportState {
  monitors: ExistingMonitor[];
  tags: ExistingTag[];
  channels: ExistingChannel[];
  statusPages: ExistingStatusPage[];
  maintenanceWindows: ExistingMaintenance[];
  /** Channels a monitor created without a channel list gets, as the create API does. */
  defaultChannelIds: string[];
}

export type SettingsResult = { settings: Record<string, unknown> } | { issues: FieldIssue[] };

export interface ImportRules extends MonitorRules {
  /** A channel's settings as they would be stored (secrets left null keep `stored`'s), or their problems under ['settings', ...]. */
  channelSettings(kind: ChannelKind, raw: Record<string, unknown>, stored: Record<string, unknown> | null): SettingsResult;
  /** Problems of a page's slug and custom domain (taken by another account, the app's own host). */
  pageIssues(page: { slug: string; customDomain: string | null }): FieldIssue[];
}

export interface ImportPlan {
  plan: ImportPlanItem[];
  issues: FieldIssue[];
  writes: ImportWrites;
}

const at = (list: string, i: number, path: (string | number)[]) => (issue: FieldIssue): FieldIssue => ({ ...issue, path: [list, i, ...path, ...issue.path] });
const sorted = (ids: string[]) => [...ids].sort();

export function planImport(doc: PingboardDocument, state: ImportState, rules: ImportRules): ImportPlan {
  const issues: FieldIssue[] = [];
  const plan: ImportPlanItem[] = [];
  const writes: ImportWrites = { tags: [], channels: [], monitors: [], statusPages: [], maintenanceWindows: [] };

  // Tags: names are unique per account.
  issues.push(...duplicateIssues('tags', doc.tags, 'name'));
  const tagMatches = matchItems(doc.tags, state.tags);
  const tagSlots = doc.tags.map((_, i) => tagMatches[i]?.id ?? newSlot('tag', i));
  doc.tags.forEach((t, i) => {
    const current = tagMatches[i];
    const data = { name: t.name, color: t.color };
    const change = current ? changedFields({ name: current.name, color: current.color }, data) : [];
    plan.push(item('tag', t.name, current, change));
    if (!current || change.length) writes.tags.push({ slot: tagSlots[i], id: current?.id ?? null, data });
  });

  // Channels.
  issues.push(...duplicateIssues('channels', doc.channels, null));
  const channelMatches = matchItems(doc.channels, state.channels);
  const channelSlots = doc.channels.map((_, i) => channelMatches[i]?.id ?? newSlot('channel', i));
  doc.channels.forEach((c, i) => {
    const current = channelMatches[i];
    const here = at('channels', i, []);
    if (current && current.kind !== c.kind) {
      issues.push(here({ path: ['kind'], message: `"${c.name}" is a ${current.kind} channel here; the kind of a channel cannot change` }));
      return;
    }
    const result = rules.channelSettings(c.kind, c.settings, current?.settings ?? null);
    if ('issues' in result) {
      issues.push(...result.issues.map(here));
      return;
    }
    const data = { kind: c.kind, name: c.name, settings: result.settings, enabled: c.enabled ?? true, isDefault: c.isDefault ?? false };
    const change = current ? changedFields({ kind: current.kind, name: current.name, settings: current.settings, enabled: current.enabled, isDefault: current.isDefault }, data) : [];
    plan.push(item('channel', c.name, current, change));
    if (!current || change.length) writes.channels.push({ slot: channelSlots[i], id: current?.id ?? null, data: data as ImportWrites['channels'][number]['data'] });
  });

  // Monitors.
  const monitorMatches = matchItems(doc.monitors, state.monitors);
  const monitorSlots = doc.monitors.map((_, i) => monitorMatches[i]?.id ?? newSlot('monitor', i));
  const monitorRef = referenceResolver('monitor', doc.monitors, monitorSlots, state.monitors);
  const monitors = planMonitors(doc.monitors, monitorMatches, monitorSlots, state, rules, {
    monitor: monitorRef,
    tag: referenceResolver('tag', doc.tags, tagSlots, state.tags),
    channel: referenceResolver('channel', doc.channels, channelSlots, state.channels),
  });
  issues.push(...duplicateIssues('monitors', doc.monitors, null), ...monitors.issues);
  plan.push(...monitors.plan);
  writes.monitors = monitors.writes;

  // Status pages, named by their slug (unique on the install).
  issues.push(...duplicateIssues('statusPages', doc.statusPages.map((p) => ({ key: p.key, name: p.slug })), 'slug'));
  const pageMatches = matchItems(
    doc.statusPages.map((p) => ({ key: p.key, name: p.slug })),
    state.statusPages.map((p) => ({ ...p, name: p.data.slug })),
  );
  const unmatchedSlugs = new Set(state.statusPages.filter((p) => !pageMatches.some((m) => m?.id === p.id)).map((p) => p.data.slug));
  doc.statusPages.forEach((p, i) => {
    const current = pageMatches[i];
    const here = at('statusPages', i, []);
    const data: StatusPageData = {
      slug: p.slug,
      title: p.title,
      description: p.description ?? null,
      logoUrl: p.logoUrl ?? null,
      footerText: p.footerText ?? null,
      published: p.published ?? true,
      customDomain: p.customDomain ?? null,
    };
    const pageIssues = [...rules.pageIssues(data)];
    if (unmatchedSlugs.has(p.slug)) pageIssues.push({ path: ['slug'], message: 'Another of your status pages uses this slug' });
    const placed = new Set<Slot>();
    const sections = p.sections.map((s, si) => ({
      name: s.name,
      monitors: s.monitors.flatMap((e, ei) => {
        const r = monitorRef(e.monitor);
        const path = ['sections', si, 'monitors', ei, 'monitor'];
        if ('problem' in r) return (pageIssues.push({ path, message: r.problem }), []);
        if (placed.has(r.slot)) return (pageIssues.push({ path, message: 'A monitor can appear only once on a page' }), []);
        placed.add(r.slot);
        return [{ monitorId: r.slot, displayName: e.displayName ?? null, showDetails: e.showDetails ?? false }];
      }),
    }));
    if (pageIssues.length) return void issues.push(...pageIssues.map(here));
    const change = current ? changedFields({ ...current.data, sections: current.sections }, { ...data, sections }) : [];
    plan.push(item('statusPage', p.slug, current, change));
    if (!current || change.length) writes.statusPages.push({ id: current?.id ?? null, data, sections } satisfies StatusPageWrite);
  });

  // Maintenance windows, named by their title.
  issues.push(...duplicateIssues('maintenanceWindows', doc.maintenanceWindows.map((w) => ({ key: w.key, name: w.title })), null));
  const windowMatches = matchItems(
    doc.maintenanceWindows.map((w) => ({ key: w.key, name: w.title })),
    state.maintenanceWindows.map((w) => ({ ...w, name: w.data.title })),
  );
  doc.maintenanceWindows.forEach((w, i) => {
    const current = windowMatches[i];
    const here = at('maintenanceWindows', i, []);
    const refs = w.monitors.map((ref, mi) => ({ mi, r: monitorRef(ref) }));
    const refIssues = refs.flatMap(({ mi, r }) => ('problem' in r ? [{ path: ['monitors', mi], message: r.problem }] : []));
    const monitorIds = refs.flatMap(({ r }) => ('slot' in r ? [r.slot] : []));
    const start = w.start === null ? null : new Date(w.start);
    const end = w.end === null ? null : new Date(w.end);
    const ruleIssues = maintenanceConfigIssues({ title: w.title, allMonitors: w.allMonitors, monitorIds: w.monitors, start, end, recurrence: w.recurrence, timeZone: w.timeZone });
    const windowIssues = [...refIssues, ...ruleIssues.map((r) => ({ ...r, path: r.path.map((p) => (p === 'monitorIds' ? 'monitors' : p)) }))];
    if (windowIssues.length) return void issues.push(...windowIssues.map(here));
    const data: MaintenanceData = { title: w.title, allMonitors: w.allMonitors, startsAt: start, endsAt: end, recurrence: w.recurrence, timeZone: w.timeZone };
    const change = current
      ? changedFields({ ...current.data, monitors: sorted(current.monitorIds) }, { ...data, monitors: sorted(monitorIds) })
      : [];
    plan.push(item('maintenanceWindow', w.title, current, change));
    if (!current || change.length) writes.maintenanceWindows.push({ id: current?.id ?? null, data, monitors: monitorIds } satisfies MaintenanceWrite);
  });

  return { plan, issues, writes };
}
