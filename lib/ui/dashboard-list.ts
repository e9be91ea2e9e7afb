import type { DashboardRow } from '@/lib/ui/view-models';
import { compareNames } from '@/lib/ui/dashboard-view';

// The dashboard list's pure parts beyond the view: merging a feed delta, the flat list of group
// headers and rows the virtual list draws, the mass-outage summary and shift-click ranges.

export interface TagInfo {
  id: string;
  name: string;
  color: string;
}

// ---- Merging the feed -----------------------------------------------------------------------

/**
 * Rows in name order after a delta: changed rows replace theirs by id, new ones join. When no
 * name changed and nothing joined, rows keep their places (no sort of 10,000 rows every 3 s).
 */
export function mergeRows(current: readonly DashboardRow[], changed: readonly DashboardRow[]): DashboardRow[] {
  if (changed.length === 0) return current as DashboardRow[];
  const byId = new Map(changed.map((r) => [r.id, r]));
  let reorder = false;
  const merged = current.map((row) => {
    const next = byId.get(row.id);
    if (!next) return row;
    byId.delete(row.id);
    if (next.name !== row.name) reorder = true;
    return next;
  });
  if (byId.size) {
    merged.push(...byId.values());
    reorder = true;
  }
  return reorder ? merged.sort(compareNames) : merged;
}

// ---- Groups ---------------------------------------------------------------------------------

export interface GroupHeader {
  kind: 'group';
  key: string;
  /** null for the monitors without a tag. */
  tag: TagInfo | null;
  count: number;
  up: number;
  down: number;
  collapsed: boolean;
}
export interface RowItem {
  kind: 'row';
  /** Unique in the list: a monitor with two tags appears in both groups. */
  key: string;
  row: DashboardRow;
}
export type ListItem = GroupHeader | RowItem;

export const UNTAGGED = 'untagged';

/** Plain rows, one item each. */
export function ungrouped(rows: readonly DashboardRow[]): RowItem[] {
  return rows.map((row) => ({ kind: 'row', key: row.id, row }));
}

/**
 * One group per tag (in the tag list's order; only the filtered tags when the view filters by
 * tag), then "No tag"; a monitor sits in each of its tags' groups. Empty groups are left out.
 */
export function groupByTag(rows: readonly DashboardRow[], tags: readonly TagInfo[], opts: { only?: readonly string[]; collapsed: ReadonlySet<string> }): ListItem[] {
  const only = opts.only?.length ? new Set(opts.only) : null;
  const shownTags = tags.filter((t) => !only || only.has(t.id));
  const members = new Map<string, DashboardRow[]>(shownTags.map((t) => [t.id, []]));
  const untagged: DashboardRow[] = [];
  for (const row of rows) {
    let placed = false;
    for (const id of row.tagIds) {
      const group = members.get(id);
      if (group) {
        group.push(row);
        placed = true;
      }
    }
    // A row whose tags are all filtered out of the groups has no group of its own: it matched
    // through a shown tag, so it is placed; with no filter, "No tag" takes the untagged ones.
    if (!placed && (!only || row.tagIds.length === 0)) untagged.push(row);
  }
  const items: ListItem[] = [];
  const add = (key: string, tag: TagInfo | null, list: DashboardRow[]) => {
    if (list.length === 0) return;
    const collapsed = opts.collapsed.has(key);
    let up = 0;
    let down = 0;
    for (const r of list) {
      // DEGRADED is up, only slower than its thresholds.
      if (r.status === 'UP' || r.status === 'DEGRADED') up++;
      else if (r.status === 'DOWN') down++;
    }
    items.push({ kind: 'group', key, tag, count: list.length, up, down, collapsed });
    if (!collapsed) for (const row of list) items.push({ kind: 'row', key: `${key}:${row.id}`, row });
  };
  for (const t of shownTags) add(t.id, t, members.get(t.id)!);
  add(UNTAGGED, null, untagged);
  return items;
}

// ---- Mass outage ----------------------------------------------------------------------------

export interface Outage {
  down: number;
  total: number;
  /** When the down share passed a third (ms), or null if no down row knows when it changed. */
  sinceMs: number | null;
}

/**
 * More than a third of the shown monitors down reads as one outage. Its start is when the
 * count passed the third: the k-th status change among the monitors still down, k being the
 * smallest count over a third, so one monitor down since last week does not date the outage.
 */
export function massOutage(rows: readonly DashboardRow[]): Outage | null {
  const total = rows.length;
  const changes: number[] = [];
  let down = 0;
  for (const r of rows) {
    if (r.status !== 'DOWN') continue;
    down++;
    if (r.statusChangedMs !== null) changes.push(r.statusChangedMs);
  }
  if (total === 0 || down * 3 <= total) return null;
  changes.sort((a, b) => a - b);
  const k = Math.floor(total / 3) + 1;
  const sinceMs = changes.length ? changes[Math.min(k, changes.length) - 1] : null;
  return { down, total, sinceMs };
}

// ---- Selection ------------------------------------------------------------------------------

/** The ids from `anchor` to `target` inclusive, in list order; just the target when the anchor is gone. */
export function rangeIds(order: readonly string[], anchor: string | null, target: string): string[] {
  const to = order.indexOf(target);
  if (to < 0) return [];
  const from = anchor === null ? -1 : order.indexOf(anchor);
  if (from < 0) return [target];
  const [lo, hi] = from < to ? [from, to] : [to, from];
  return order.slice(lo, hi + 1);
}

/** Sets every id in `ids` to `on` in a copy of the selection. */
export function setMany(selection: ReadonlySet<string>, ids: readonly string[], on: boolean): Set<string> {
  const next = new Set(selection);
  for (const id of ids) {
    if (on) next.add(id);
    else next.delete(id);
  }
  return next;
}

/** Ids in chunks the bulk API accepts. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
