import { createStatusPageSchema, INCIDENT_IMPACTS, INCIDENT_STATUSES } from '@/lib/schemas/status-page';
import type { PageIncidentDto as IncidentDto, StatusPageDto } from '@/lib/dto/status-pages';

// The status page editor and the incident forms as plain data, safe for the browser: the API's
// shapes in, form state in between, request bodies out, and each API issue mapped to the input
// it belongs to ("sections.1.monitors.0.displayName"). The body is checked with the API's own
// schema before it is sent, so the browser shows the server's messages without a round trip.

/** The API's shapes; only their types reach the browser. */
export type { StatusPageDto, PageIncidentDto as IncidentDto } from '@/lib/dto/status-pages';

/** A monitor the editor can put on a page. */
export interface MonitorChoice {
  id: string;
  name: string;
}

export interface MonitorRow {
  key: number;
  monitorId: string;
  displayName: string;
  showDetails: boolean;
}

export interface SectionRow {
  key: number;
  name: string;
  monitors: MonitorRow[];
}

export interface PageFormValues {
  title: string;
  slug: string;
  description: string;
  logoUrl: string;
  footerText: string;
  published: boolean;
  /** Whether the page asks for a password. */
  protect: boolean;
  /** Empty on a page that has one: keep it. */
  password: string;
  customDomain: string;
  sections: SectionRow[];
}

export type FormErrors = Record<string, string>;

/**
 * A key for a new row among `rows`. Keys also make the inputs' ids, so they are numbered from the
 * rows themselves, never from a module counter: the server's render and the browser's agree.
 */
export const nextKey = (rows: ReadonlyArray<{ key: number }>): number => rows.reduce((max, r) => Math.max(max, r.key), 0) + 1;

export function initialPageValues(page?: StatusPageDto): PageFormValues {
  return {
    title: page?.title ?? '',
    slug: page?.slug ?? '',
    description: page?.description ?? '',
    logoUrl: page?.logoUrl ?? '',
    footerText: page?.footerText ?? '',
    published: page?.published ?? true,
    protect: page?.hasPassword ?? false,
    password: '',
    customDomain: page?.customDomain ?? '',
    sections: page
      ? page.sections.map((s, i) => ({
          key: i + 1,
          name: s.name,
          monitors: s.monitors.map((m, j) => ({ key: j + 1, monitorId: m.monitorId, displayName: m.displayName ?? '', showDetails: m.showDetails })),
        }))
      : [{ key: 1, name: 'Services', monitors: [] }],
  };
}

/** "Acme Cloud — Status!" -> "acme-cloud-status": the slug a new page suggests from its title. */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

const orNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());

export interface PageBody {
  slug: string;
  title: string;
  description: string | null;
  logoUrl: string | null;
  footerText: string | null;
  published: boolean;
  password?: string | null;
  customDomain: string | null;
  sections: Array<{ name: string; monitors: Array<{ monitorId: string; displayName?: string; showDetails: boolean }> }>;
}

/**
 * The whole page as one POST or PATCH body; `sections` always goes whole. A password is sent
 * only when typed; on a page that had one, turning protection off sends null to remove it.
 */
export function pageBody(v: PageFormValues, hadPassword: boolean): PageBody {
  const body: PageBody = {
    slug: v.slug.trim(),
    title: v.title.trim(),
    description: orNull(v.description),
    logoUrl: orNull(v.logoUrl),
    footerText: orNull(v.footerText),
    published: v.published,
    customDomain: orNull(v.customDomain)?.toLowerCase() ?? null,
    sections: v.sections.map((s) => ({
      name: s.name.trim(),
      monitors: s.monitors.map((m) => ({ monitorId: m.monitorId, showDetails: m.showDetails, ...(m.displayName.trim() ? { displayName: m.displayName.trim() } : {}) })),
    })),
  };
  if (v.protect && v.password !== '') body.password = v.password;
  else if (!v.protect && hadPassword) body.password = null;
  return body;
}

/** The API's rules, run in the browser, plus what only the form knows (a password still to type). */
export function checkPage(v: PageFormValues, hadPassword: boolean): FormErrors {
  const parsed = createStatusPageSchema.safeParse(pageBody(v, hadPassword));
  const errors: FormErrors = {};
  if (!parsed.success) for (const i of parsed.error.issues) errors[pageIssueKey(i.path)] ??= i.message;
  if (v.protect && !hadPassword && v.password === '') errors.password = 'Enter a password, or turn the protection off';
  return errors;
}

/** "sections.1.monitors.0.displayName" for an input inside a section, the field name otherwise. */
export function pageIssueKey(path: ReadonlyArray<PropertyKey>): string {
  return path.length === 0 ? '_form' : path.map(String).join('.');
}

/** The first message per input; a 409 without issues names the slug or the custom domain. */
export function pageErrors(error: { code: string; message: string; issues?: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> }): FormErrors {
  const out: FormErrors = {};
  for (const i of error.issues ?? []) out[pageIssueKey(i.path)] ??= i.message;
  if (error.code === 'conflict' && !error.issues?.length) out[/domain/i.test(error.message) ? 'customDomain' : 'slug'] = error.message;
  return out;
}

/** Which inputs the editor shows, so an error for anything else goes in the notice on top. */
export function hasPageInput(key: string, v: PageFormValues): boolean {
  const parts = key.split('.');
  if (parts[0] !== 'sections') return ['title', 'slug', 'description', 'logoUrl', 'footerText', 'published', 'password', 'customDomain'].includes(key);
  if (parts.length === 1) return true;
  const s = v.sections[Number(parts[1])];
  if (!s) return false;
  if (parts.length === 3) return parts[2] === 'name';
  if (parts[2] !== 'monitors') return false;
  const m = s.monitors[Number(parts[3])];
  return Boolean(m) && (parts.length === 4 || ['monitorId', 'displayName', 'showDetails'].includes(parts[4]));
}

/** A copy of `items` with the one at `from` moved by `by` places (unchanged at an edge). */
export function move<T>(items: readonly T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  if (to < 0 || to >= items.length) return [...items];
  const out = [...items];
  [out[from], out[to]] = [out[to], out[from]];
  return out;
}

/** Monitors already on the page: each may appear once. */
export function usedMonitorIds(v: PageFormValues): Set<string> {
  return new Set(v.sections.flatMap((s) => s.monitors.map((m) => m.monitorId)));
}

// ---- Incidents ----

export const IMPACTS = INCIDENT_IMPACTS;
export { INCIDENT_STATUSES };
export type Impact = (typeof IMPACTS)[number];
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const IMPACT_LABEL: Record<Impact, string> = { none: 'No impact', minor: 'Minor', major: 'Major', critical: 'Critical' };
export const STATUS_LABEL: Record<IncidentStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};
export const STATUS_HINT: Record<IncidentStatus, string> = {
  investigating: 'Something is wrong and you are looking into it.',
  identified: 'You know the cause and are working on a fix.',
  monitoring: 'A fix is out; you are watching it.',
  resolved: 'It is over. The incident moves to the history.',
};

/** Unresolved incidents first, each group newest first. */
export function orderIncidents(incidents: readonly IncidentDto[]): IncidentDto[] {
  const active = incidents.filter((i) => i.status !== 'resolved');
  const past = incidents.filter((i) => i.status === 'resolved');
  const newest = (a: IncidentDto, b: IncidentDto) => b.startedAt.localeCompare(a.startedAt);
  return [...active.sort(newest), ...past.sort(newest)];
}

/** The monitors on a page, in page order, named as the page names them. */
export function pageMonitors(page: StatusPageDto): MonitorChoice[] {
  return page.sections.flatMap((s) => s.monitors.map((m) => ({ id: m.monitorId, name: m.displayName || m.name })));
}

export const MESSAGE_HINT = 'Plain text, or a little Markdown: **bold**, *italics*, [links](https://…), lists and `code`.';
