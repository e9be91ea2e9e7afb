import type { DashboardRow, DisplayStatus } from '@/lib/ui/view-models';

// What the dashboard shows of the monitor list: search, status, tag and type filters, the sort,
// and grouping, as one plain value that round-trips through the URL (so a view can be
// bookmarked and Back works). Pure and browser-safe: the list is filtered in memory on every
// keystroke, so everything here is one pass over the rows, or one sort of the survivors.

export const STATUS_KEYS = ['down', 'degraded', 'up', 'pending', 'paused', 'maintenance', 'blocked'] as const;
export type StatusKey = (typeof STATUS_KEYS)[number];

export const SORT_KEYS = ['status', 'name', 'changed', 'uptime', 'latency'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** Each sort's natural direction, which `reversed` flips: problems and news first, names A to Z. */
export const SORT_LABELS: Record<SortKey, { label: string; natural: string; reversed: string }> = {
  status: { label: 'Status', natural: 'worst first', reversed: 'best first' },
  name: { label: 'Name', natural: 'A to Z', reversed: 'Z to A' },
  changed: { label: 'Last status change', natural: 'newest first', reversed: 'oldest first' },
  uptime: { label: 'Uptime 24 h', natural: 'lowest first', reversed: 'highest first' },
  latency: { label: 'Response time', natural: 'slowest first', reversed: 'fastest first' },
};

export type GroupKey = 'none' | 'tag';

export interface DashboardView {
  /** What the search box holds, as typed. */
  q: string;
  /** Empty means every status. */
  status: StatusKey[];
  /** Tag ids; a row matches when it has any of them. Empty means every row. */
  tags: string[];
  /** Monitor types (http, tcp, heartbeat); empty means every type. */
  types: string[];
  sort: SortKey;
  reversed: boolean;
  group: GroupKey;
}

/** Down first by default: in a mass outage the red rows lead, on a calm day the list reads A to Z within UP. */
export const DEFAULT_VIEW: DashboardView = { q: '', status: [], tags: [], types: [], sort: 'status', reversed: false, group: 'none' };

export function statusKey(s: DisplayStatus): StatusKey {
  return s.toLowerCase() as StatusKey;
}

// ---- URL ------------------------------------------------------------------------------------

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

function list(params: URLSearchParams, name: string): string[] {
  return [...new Set((params.get(name) ?? '').split(',').map((s) => s.trim()).filter(Boolean))];
}

/** The view a query string asks for; unknown or malformed values are dropped, never thrown on. */
export function parseView(search: string | URLSearchParams): DashboardView {
  const p = typeof search === 'string' ? new URLSearchParams(search) : search;
  const sort = p.get('sort');
  return {
    q: (p.get('q') ?? '').slice(0, 200),
    status: STATUS_KEYS.filter((k) => list(p, 'status').includes(k)),
    tags: list(p, 'tag').filter((id) => ID_RE.test(id)),
    types: list(p, 'type').filter((t) => /^[a-z]{1,20}$/.test(t)),
    sort: (SORT_KEYS as readonly string[]).includes(sort ?? '') ? (sort as SortKey) : DEFAULT_VIEW.sort,
    reversed: p.get('order') === 'reversed',
    group: p.get('group') === 'tag' ? 'tag' : 'none',
  };
}

/** The query string for a view, without "?"; defaults are left out, so the plain dashboard is "/". */
export function viewToSearch(v: DashboardView): string {
  const p = new URLSearchParams();
  if (v.q) p.set('q', v.q);
  if (v.status.length) p.set('status', STATUS_KEYS.filter((k) => v.status.includes(k)).join(','));
  if (v.tags.length) p.set('tag', v.tags.join(','));
  if (v.types.length) p.set('type', v.types.join(','));
  if (v.sort !== DEFAULT_VIEW.sort) p.set('sort', v.sort);
  if (v.reversed) p.set('order', 'reversed');
  if (v.group !== 'none') p.set('group', v.group);
  return p.toString().replace(/%2C/g, ',');
}

export function isFiltered(v: DashboardView): boolean {
  return v.q.trim() !== '' || v.status.length > 0 || v.tags.length > 0 || v.types.length > 0;
}

// ---- Filtering ------------------------------------------------------------------------------

/** Whitespace-separated words, each of which must appear in the name or the target. */
export function searchTerms(q: string): string[] {
  return q.toLowerCase().split(/\s+/).filter(Boolean);
}

function matchesTerms(row: DashboardRow, terms: string[]): boolean {
  for (const t of terms) if (!row.haystack.includes(t)) return false;
  return true;
}

function hasAnyTag(row: DashboardRow, tags: ReadonlySet<string>): boolean {
  for (const id of row.tagIds) if (tags.has(id)) return true;
  return false;
}

export interface Facets {
  /** Per status, the rows matching every filter but the status one: the counters' numbers. */
  status: Record<StatusKey, number>;
  /** Per tag id, the rows matching every filter but the tag one. */
  tags: Map<string, number>;
  /** Per type, the rows matching every filter but the type one. */
  types: Map<string, number>;
  /** Rows matching every filter. */
  shown: number;
}

/**
 * The rows the view keeps, in the order given, and the facet counts, in one pass: each filter's
 * counts follow all the other filters, so "Down 12" means twelve of what the search leaves.
 */
export function filterRows(rows: readonly DashboardRow[], v: DashboardView): { rows: DashboardRow[]; facets: Facets } {
  const terms = searchTerms(v.q);
  const statuses = new Set<string>(v.status);
  const tags = new Set(v.tags);
  const types = new Set(v.types);
  const facets: Facets = { status: { down: 0, degraded: 0, up: 0, pending: 0, paused: 0, maintenance: 0, blocked: 0 }, tags: new Map(), types: new Map(), shown: 0 };
  const kept: DashboardRow[] = [];
  for (const row of rows) {
    if (terms.length && !matchesTerms(row, terms)) continue;
    const key = statusKey(row.status);
    const okStatus = statuses.size === 0 || statuses.has(key);
    const okTag = tags.size === 0 || hasAnyTag(row, tags);
    const okType = types.size === 0 || types.has(row.type);
    if (okTag && okType) facets.status[key]++;
    if (okStatus && okType) for (const id of row.tagIds) facets.tags.set(id, (facets.tags.get(id) ?? 0) + 1);
    if (okStatus && okTag) facets.types.set(row.type, (facets.types.get(row.type) ?? 0) + 1);
    if (okStatus && okTag && okType) kept.push(row);
  }
  facets.shown = kept.length;
  return { rows: kept, facets };
}

// ---- Sorting --------------------------------------------------------------------------------

const STATUS_RANK: Record<DisplayStatus, number> = { DOWN: 0, DEGRADED: 2, BLOCKED: 3, PENDING: 4, MAINTENANCE: 5, UP: 6, PAUSED: 7 };

/** DOWN (recovering ones too), then a failure awaiting its retry, then DEGRADED, then the rest from worse to better. */
export function statusRank(row: Pick<DashboardRow, 'status' | 'phase'>): number {
  return row.phase === 'retrying' && row.status !== 'DOWN' ? 1 : STATUS_RANK[row.status];
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Name order ("Service 2" before "Service 10"), ties broken by id so the order is total. */
export function compareNames(a: DashboardRow, b: DashboardRow): number {
  return collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A copy in name order: the base order every other sort keeps for its ties. */
export function byName(rows: readonly DashboardRow[]): DashboardRow[] {
  return [...rows].sort(compareNames);
}

type Key = (r: DashboardRow) => number | null;
// Smaller sorts first in the natural direction; null (no data yet) always sorts last.
const SORT_VALUE: Record<Exclude<SortKey, 'name'>, Key> = {
  status: statusRank,
  changed: (r) => (r.statusChangedMs === null ? null : -r.statusChangedMs),
  uptime: (r) => r.uptime24h,
  latency: (r) => (r.type === 'heartbeat' || r.lastLatencyMs === null ? null : -r.lastLatencyMs),
};

/**
 * Sorts rows that are already in name order (see byName); the sort is stable, so equal keys
 * stay A to Z. Reversing flips the key, never the nulls, and keeps names A to Z within a tie.
 */
export function sortRows(rowsInNameOrder: readonly DashboardRow[], sort: SortKey, reversed: boolean): DashboardRow[] {
  if (sort === 'name') return reversed ? [...rowsInNameOrder].reverse() : [...rowsInNameOrder];
  const value = SORT_VALUE[sort];
  const sign = reversed ? -1 : 1;
  // Keys computed once per row rather than twice per comparison.
  const keyed = rowsInNameOrder.map((row, i) => ({ row, i, k: value(row) }));
  keyed.sort((a, b) => {
    if (a.k === b.k) return a.i - b.i;
    if (a.k === null) return 1;
    if (b.k === null) return -1;
    return (a.k - b.k) * sign || a.i - b.i;
  });
  return keyed.map((e) => e.row);
}

/** Filter, then sort: what the list shows, with the counters' numbers. */
export function applyView(rowsInNameOrder: readonly DashboardRow[], v: DashboardView): { rows: DashboardRow[]; facets: Facets } {
  const { rows, facets } = filterRows(rowsInNameOrder, v);
  return { rows: sortRows(rows, v.sort, v.reversed), facets };
}

// ---- Editing the view -----------------------------------------------------------------------

/** Adds or removes one value of a multi-valued filter. */
export function toggle<T extends string>(values: readonly T[], value: T): T[] {
  return values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
}
