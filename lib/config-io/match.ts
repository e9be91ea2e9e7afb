import type { FieldIssue } from '@/lib/errors';
import type { ImportPlanItem } from '@/lib/config-io/format';

// How the items of an imported file find the caller's items, and how items name each other.
// An item matches the caller's item whose id is its key, else the first not yet matched whose
// name is its name; each of the caller's items is matched at most once, so a file listing two
// monitors of the same name imports as two monitors, every time. Only the caller's own items
// are ever candidates, so a key holding another user's id matches nothing and creates a new item.

/** An existing item's id, or the slot ("new:<type>:<index>") of one the import creates. */
export type Slot = string;
export const newSlot = (type: string, index: number): Slot => `new:${type}:${index}`;

export interface Named {
  key?: string;
  name: string;
}

export interface Existing {
  id: string;
  name: string;
}

/** For each item, the existing item it matches (by key first, then by name), or null. */
export function matchItems<E extends Existing>(items: Named[], existing: E[]): (E | null)[] {
  const taken = new Set<string>();
  const byId = new Map(existing.map((e) => [e.id, e]));
  const out: (E | null)[] = items.map((item) => {
    const hit = item.key !== undefined ? byId.get(item.key) : undefined;
    if (!hit || taken.has(hit.id)) return null;
    taken.add(hit.id);
    return hit;
  });
  items.forEach((item, i) => {
    if (out[i]) return;
    const hit = existing.find((e) => e.name === item.name && !taken.has(e.id));
    if (!hit) return;
    taken.add(hit.id);
    out[i] = hit;
  });
  return out;
}

/** Keys given twice in one list, and names given twice where names must be unique, as issues at their paths. */
export function duplicateIssues(list: string, items: Named[], nameField: string | null): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const keys = new Set<string>();
  const names = new Set<string>();
  items.forEach((item, i) => {
    if (item.key !== undefined) {
      if (keys.has(item.key)) issues.push({ path: [list, i, 'key'], message: `The key "${item.key}" is used by an earlier item` });
      keys.add(item.key);
    }
    if (nameField) {
      if (names.has(item.name)) issues.push({ path: [list, i, nameField], message: `"${item.name}" is used by an earlier item` });
      names.add(item.name);
    }
  });
  return issues;
}

export type Resolved = { slot: Slot } | { problem: string };

/**
 * Resolves a reference to an item of one type: a key of the file's items, else a name of the
 * file's items, else the id of one of the caller's items, else its name. A name two items share
 * is ambiguous (use the key).
 */
export function referenceResolver(what: string, items: Named[], slots: Slot[], existing: Existing[]): (ref: string) => Resolved {
  const ambiguous = (ref: string) => ({ problem: `Two ${what}s are named "${ref}"; refer to it by its key` });
  return (ref) => {
    const byKey = items.findIndex((item) => item.key === ref);
    if (byKey >= 0) return { slot: slots[byKey] };
    const byName = items.flatMap((item, i) => (item.name === ref ? [i] : []));
    if (byName.length > 1) return ambiguous(ref);
    if (byName.length === 1) return { slot: slots[byName[0]] };
    const own = existing.find((e) => e.id === ref);
    if (own) return { slot: own.id };
    const named = existing.filter((e) => e.name === ref);
    if (named.length > 1) return ambiguous(ref);
    if (named.length === 1) return { slot: named[0].id };
    return { problem: `Unknown ${what}: ${ref}` };
  };
}

/** A value as canonical JSON (object keys sorted, undefined left out), to tell a change from none. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** The top-level fields whose values differ, for an update's reason. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.filter((k) => canonical(before[k]) !== canonical(after[k]));
}

/** A plan line: create when nothing matched, else update naming the changed fields, or unchanged. */
export function planLine(type: ImportPlanItem['type'], name: string, current: unknown, change: string[]): ImportPlanItem {
  if (!current) return { type, name, action: 'create' };
  return change.length ? { type, name, action: 'update', reason: `changes ${change.join(', ')}` } : { type, name, action: 'unchanged' };
}
