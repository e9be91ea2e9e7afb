import type { FieldIssue } from '@/lib/errors';
import type { MonitorWrite } from '@/lib/data/config-import';
import { withMonitorDefaults, type CreateMonitorInput, type MonitorFields } from '@/lib/schemas/monitor';
import type { ImportPlanItem, MonitorItem } from '@/lib/config-io/format';
import { changedFields, planLine, type Existing, type Resolved, type Slot } from '@/lib/config-io/match';

// The monitors of an import plan. Each item describes the whole monitor: a field left out takes
// its default, on create and update alike (a secret header given without a value keeps the
// stored one); its tags and channels left out stay as they are (a new monitor gets the
// account's default channels, as the create API gives it). Parents are checked on the
// configuration as it would be after the import, so a file may bring a parent and its children
// together, and cycles or chains deeper than the API allows are refused.

export interface ExistingMonitor extends Existing {
  fields: MonitorFields;
  tagIds: string[];
  channelIds: string[];
}

export interface MonitorRules {
  /** Every problem of a monitor's fields (the create and update API's rules), paths relative to the monitor. */
  monitorIssues(fields: MonitorFields, previous: MonitorFields | null): FieldIssue[];
  maxParentDepth: number;
}

export interface Resolvers {
  monitor: (ref: string) => Resolved;
  tag: (ref: string) => Resolved;
  channel: (ref: string) => Resolved;
}

interface State {
  monitors: ExistingMonitor[];
  defaultChannelIds: string[];
}

const sorted = (ids: string[]) => [...ids].sort();

/** References to slots, with a problem at its path for each that resolves to nothing. */
function resolveAll(refs: string[] | undefined, resolve: (ref: string) => Resolved, field: string, issues: FieldIssue[]): Slot[] | undefined {
  if (refs === undefined) return undefined;
  return refs.flatMap((ref, i) => {
    const r = resolve(ref);
    if ('problem' in r) return (issues.push({ path: [field, i], message: r.problem }), []);
    return [r.slot];
  });
}

/** Headers as they would be stored: a header without a value keeps the stored value of the same name. */
function storedHeaders(fields: MonitorFields, previous: MonitorFields | null): MonitorFields['headers'] {
  return fields.headers.map((h) => {
    const before = previous?.headers.find((p) => p.name.toLowerCase() === h.name.toLowerCase());
    return { name: h.name, value: h.value ?? before?.value ?? '', secret: h.secret ?? before?.secret ?? false };
  });
}

export function planMonitors(items: MonitorItem[], matches: (ExistingMonitor | null)[], slots: Slot[], state: State, rules: MonitorRules, refs: Resolvers) {
  const issues: FieldIssue[] = [];
  const plan: ImportPlanItem[] = [];
  const writes: MonitorWrite[] = [];
  const parentOf = new Map<Slot, Slot | null>(state.monitors.map((m) => [m.id, m.fields.parentId]));

  items.forEach((m, i) => {
    const current = matches[i];
    const own: FieldIssue[] = [];
    const { key: _key, parent, tags, channels, ...rest } = m;
    let parentId: Slot | null = null;
    if (parent) {
      const r = refs.monitor(parent);
      if ('problem' in r) own.push({ path: ['parent'], message: r.problem });
      else parentId = r.slot;
    }
    const tagSlots = resolveAll(tags, refs.tag, 'tags', own);
    const channelSlots = resolveAll(channels, refs.channel, 'channels', own);
    const fields = withMonitorDefaults({ ...rest, parentId } as CreateMonitorInput);
    own.push(...rules.monitorIssues(fields, current?.fields ?? null));
    parentOf.set(slots[i], parentId);
    if (own.length) return void issues.push(...own.map((issue) => ({ ...issue, path: ['monitors', i, ...issue.path] })));

    const desired = { ...fields, headers: storedHeaders(fields, current?.fields ?? null) };
    const change = current
      ? changedFields(
          { ...current.fields, tags: sorted(current.tagIds), channels: sorted(current.channelIds) },
          { ...desired, tags: sorted(tagSlots ?? current.tagIds), channels: sorted(channelSlots ?? current.channelIds) },
        )
      : [];
    plan.push(planLine('monitor', m.name, current, change));
    if (current && !change.length) return;
    writes.push({ slot: slots[i], id: current?.id ?? null, fields, tags: tagSlots, channels: channelSlots ?? (current ? undefined : state.defaultChannelIds) });
  });

  issues.push(...parentIssues(items, slots, parentOf, rules.maxParentDepth));
  return { plan, issues, writes: parentsFirst(writes) };
}

/** Each monitor's parent chain as it would be after the import: no cycle, no deeper than the API allows. */
function parentIssues(items: MonitorItem[], slots: Slot[], parentOf: Map<Slot, Slot | null>, maxDepth: number): FieldIssue[] {
  const issues: FieldIssue[] = [];
  items.forEach((_, i) => {
    const self = slots[i];
    let next = parentOf.get(self) ?? null;
    if (next === self) return void issues.push({ path: ['monitors', i, 'parent'], message: 'A monitor cannot be its own parent' });
    const seen = new Set<Slot>();
    while (next && !seen.has(next)) {
      if (next === self) return void issues.push({ path: ['monitors', i, 'parent'], message: 'That parent depends on this monitor: dependencies cannot form a cycle' });
      seen.add(next);
      if (seen.size > maxDepth) return void issues.push({ path: ['monitors', i, 'parent'], message: `Dependencies may be at most ${maxDepth} monitors deep` });
      next = parentOf.get(next) ?? null;
    }
  });
  return issues;
}

/** Writes ordered so that a monitor's parent is written before it (new parents need their id first). */
function parentsFirst(writes: MonitorWrite[]): MonitorWrite[] {
  const bySlot = new Map(writes.map((w) => [w.slot, w]));
  const out: MonitorWrite[] = [];
  const done = new Set<Slot>();
  const visit = (w: MonitorWrite, depth: number) => {
    if (done.has(w.slot) || depth > writes.length) return;
    done.add(w.slot);
    const parent = w.fields.parentId ? bySlot.get(w.fields.parentId) : undefined;
    if (parent) visit(parent, depth + 1);
    out.push(w);
  };
  // Marked before its parent is visited, so a cycle (already refused) cannot loop; order is then moot.
  for (const w of writes) visit(w, 0);
  return out;
}
