import type { z } from 'zod';
import { InvalidError, type FieldIssue } from '@/lib/errors';
import { CHANNEL_PROVIDERS } from '@/lib/alerting/providers';
import type { ChannelKind } from '@/lib/alerting/channel-types';
import { FORBIDDEN_HEADERS, MAX_HEADERS } from '@/lib/schemas/monitor';
import { emptyDocument, type ImportItemType, type ImportPlanItem, type ImporterResult, type MonitorItem } from '@/lib/config-io/format';

// What the importers from other monitors share: a draft that collects the items they could
// map (each with notes on what changed on the way), the items they could not (with a reason),
// and the few conversions both need. Every value put in the draft is one the Pingboard
// document accepts, so an importer's output never fails the import for a reason the importer
// could have seen: what does not fit is clamped with a note, or skipped with a reason.

type Notes = string[];

export interface ImporterOutput extends ImporterResult {
  /** Created items that were mapped with changes: one line each, action 'create', the changes in `reason`. */
  notes: ImportPlanItem[];
}

export class ImportDraft {
  private readonly doc = emptyDocument();
  private readonly skipped: ImportPlanItem[] = [];
  private readonly notes: ImportPlanItem[] = [];
  private readonly tagNames = new Set<string>();

  skip(type: ImportItemType, name: string, reason: string): void {
    this.skipped.push({ type, name, action: 'skipped', reason });
  }

  /** A tag by name (the first colour given wins); returns its name as the document spells it. */
  tag(name: string, color?: string | null): string {
    const clean = clip(name.trim(), 40);
    if (!this.tagNames.has(clean)) {
      this.tagNames.add(clean);
      this.doc.tags.push({ name: clean, color: hexColor(color) });
    }
    return clean;
  }

  /**
   * A channel, if its settings pass its kind's own schema; else it is skipped naming the
   * settings that did not. Returns the reference monitors use (its key), or null.
   */
  channel(input: { key: string; name: string; kind: ChannelKind; settings: Record<string, unknown>; enabled?: boolean; isDefault?: boolean }, notes: Notes = []): string | null {
    const name = clip(input.name.trim() || input.kind, 100);
    // Settings the file did not give are left out, so the kind's schema names the missing ones.
    const given = Object.fromEntries(Object.entries(input.settings).filter(([, v]) => v !== undefined));
    const parsed = CHANNEL_PROVIDERS[input.kind].settings.safeParse(given);
    if (!parsed.success) {
      this.skip('channel', name, `Its ${input.kind} settings do not work here: ${settingsProblems(parsed.error)}`);
      return null;
    }
    this.doc.channels.push({ key: input.key, kind: input.kind, name, settings: parsed.data as Record<string, unknown>, enabled: input.enabled ?? true, isDefault: input.isDefault ?? false });
    this.note('channel', name, notes);
    return input.key;
  }

  monitor(item: MonitorItem, notes: Notes = []): void {
    this.doc.monitors.push(item);
    this.note('monitor', item.name, notes);
  }

  result(): ImporterOutput {
    return { document: this.doc, skipped: this.skipped, notes: this.notes };
  }

  private note(type: ImportItemType, name: string, notes: Notes): void {
    if (notes.length) this.notes.push({ type, name, action: 'create', reason: notes.join('; ') });
  }
}

/** One notification target of the other monitor as a channel kind and its settings (undefined: not given). */
export interface ChannelSpec {
  kind: ChannelKind;
  settings: Record<string, unknown>;
  /** Set when one target becomes several channels (an email to several addresses): added to the name. */
  suffix?: string;
}

/** A setting's value as text, or undefined when it is empty or not text. */
export function textValue(v: unknown): string | undefined {
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** Notes the importers add to channels whose messages differ from the other monitor's. */
export const CHANNEL_NOTES = {
  email: "sent with this server's own mail settings (the SMTP server and login in the file are not used); an address other than yours must confirm a link first",
  webhook: "receives Pingboard's JSON payload (docs/webhooks.md)",
  teams: 'Pingboard posts to a Teams Workflows webhook: an old Office 365 connector URL needs replacing',
  telegramServer: (url: string) => `its own Telegram API server ${url} left out (Pingboard uses the server's TELEGRAM_API_BASE_URL)`,
};

/** An email target to one or more addresses ("a@x, b@y"): one channel per address. */
export function emailChannels(to: unknown, notes: Notes): ChannelSpec[] {
  const addresses = (textValue(to) ?? '').split(/[,;]/).map((a) => a.trim()).filter(Boolean);
  notes.push(CHANNEL_NOTES.email);
  if (addresses.length <= 1) return [{ kind: 'email', settings: { address: addresses[0] } }];
  return addresses.map((address) => ({ kind: 'email', settings: { address }, suffix: address }));
}

function settingsProblems(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

/** A file that is not the other monitor's format at all: 400 naming each problem's path. */
export function invalidFile(what: string, error: z.ZodError): InvalidError {
  const issues: FieldIssue[] = error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message, code: i.code }));
  return new InvalidError(`This is not ${what}`, issues);
}

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const HEX = /^#[0-9a-fA-F]{6}$/;
export const DEFAULT_TAG_COLOR = '#64748b';

function hexColor(color: string | null | undefined): string {
  const c = color?.trim() ?? '';
  return HEX.test(c) ? c.toLowerCase() : DEFAULT_TAG_COLOR;
}

/**
 * A whole number kept within Pingboard's range for a field; a value outside it is clamped and
 * a note says so, e.g. "interval 172800 s lowered to 86400 s (Pingboard's maximum)".
 */
export function clampInt(value: number, min: number, max: number, what: string, unit: string, notes: Notes): number {
  const n = Math.round(value);
  if (n < min) return (notes.push(`${what} ${n}${unit} raised to ${min}${unit} (Pingboard's minimum)`), min);
  if (n > max) return (notes.push(`${what} ${n}${unit} lowered to ${max}${unit} (Pingboard's maximum)`), max);
  return n;
}

/** Header names whose values are credentials: stored as secret headers (never shown again). */
const SECRET_HEADER = /authorization|cookie|token|secret|api[-_]?key|password|signature/i;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
/** `${NAME}`: filled in from the other monitor's environment, which Pingboard does not have. */
const ENV_REFERENCE = /\$\{[A-Za-z_][A-Za-z0-9_]*\}/;

export function envReference(text: string): string | null {
  return ENV_REFERENCE.exec(text)?.[0] ?? null;
}

/** Request headers as Pingboard's monitor takes them; headers it cannot send are left out with a note. */
export function monitorHeaders(headers: Record<string, unknown>, notes: Notes): NonNullable<MonitorItem['headers']> {
  const out: NonNullable<MonitorItem['headers']> = [];
  for (const [name, raw] of Object.entries(headers)) {
    const value = raw === null || raw === undefined ? '' : String(raw);
    if (!HEADER_NAME.test(name)) notes.push(`header "${clip(name, 40)}" left out (not a valid header name)`);
    else if ((FORBIDDEN_HEADERS as readonly string[]).includes(name.toLowerCase())) notes.push(`header ${name} left out (Pingboard sets it itself)`);
    else if (value.length > 4096 || /[\r\n\0]/.test(value)) notes.push(`header ${name} left out (its value is too long or has line breaks)`);
    else if (out.some((h) => h.name.toLowerCase() === name.toLowerCase())) notes.push(`header ${name} given twice: the first is kept`);
    else if (out.length >= MAX_HEADERS) notes.push(`header ${name} left out (at most ${MAX_HEADERS} headers)`);
    else {
      const env = envReference(value);
      if (env) notes.push(`header ${name} holds ${env}, which only the old monitor's environment can fill in: set its real value here`);
      out.push(SECRET_HEADER.test(name) ? { name, value, secret: true } : { name, value });
    }
  }
  return out;
}

/**
 * A URL as Pingboard's HTTP monitor takes it (absolute http or https, at most 2048 characters),
 * or why it cannot be. A user name and password in the URL become a Basic Authorization header,
 * since Pingboard takes credentials only as a header.
 */
export function httpTarget(url: string): { url: string; authorization: string | null } | { problem: string } {
  const env = envReference(url);
  if (env) return { problem: `its URL holds ${env}, which only the old monitor's environment can fill in` };
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return { problem: `its URL "${clip(url, 80)}" is not an absolute URL` };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { problem: `its URL scheme ${parsed.protocol} is not http or https` };
  let authorization: string | null = null;
  if (parsed.username || parsed.password) {
    authorization = basicAuthorization(decodeURIComponent(parsed.username), decodeURIComponent(parsed.password));
    parsed.username = '';
    parsed.password = '';
  }
  const clean = authorization ? parsed.toString() : url.trim();
  if (clean.length > 2048) return { problem: 'its URL is longer than 2048 characters' };
  return { url: clean, authorization };
}

export function basicAuthorization(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** Notes a monitor carries as reasons, in one list, in the order they were found. */
export type { Notes };
