import { makeBadge } from 'badge-maker';

// Shields-style SVG badges for monitors and status pages, drawn by badge-maker, shields.io's own
// library: its Verdana width tables size the badge to the text, and it XML-escapes label and
// message. Text is capped and stripped of characters XML cannot hold before it gets there, so any
// name an owner types still yields a well-formed, reasonably sized SVG.

/** degraded: up but slow, in amber like everywhere else. */
export type BadgeColor = 'up' | 'degraded' | 'down' | 'maintenance' | 'pending' | 'neutral' | 'warn';

/** Readable fills; badge-maker picks dark text on the light ones by itself. */
const FILL: Record<BadgeColor, string> = {
  up: '#2ea44f',
  degraded: '#dfa000',
  down: '#d73a49',
  maintenance: '#0969da',
  pending: '#8c959f',
  neutral: '#9f9f9f',
  warn: '#dfa000',
};

export const BADGE_TEXT_MAX = 64;
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Collapsed whitespace, no characters XML forbids, at most BADGE_TEXT_MAX code points. */
function badgeText(text: string): string {
  const clean = Array.from(text.replace(NOT_XML, '').replace(/\s+/g, ' ').trim());
  return clean.length > BADGE_TEXT_MAX ? `${clean.slice(0, BADGE_TEXT_MAX - 1).join('')}…` : clean.join('');
}

export function renderBadge(opts: { label: string; message: string; color: BadgeColor }): string {
  return makeBadge({ label: badgeText(opts.label), message: badgeText(opts.message) || '-', color: FILL[opts.color], style: 'flat' });
}

/** The badge of an unknown or hidden monitor or page: grey, and it says nothing more. */
export function notFoundBadge(label = 'badge'): string {
  return renderBadge({ label, message: 'not found', color: 'neutral' });
}

/** >= 99 % up, >= 95 % warn, below down; no figure yet neutral. */
export function uptimeColor(percent: number | null): BadgeColor {
  if (percent === null || Number.isNaN(percent)) return 'neutral';
  if (percent >= 99) return 'up';
  return percent >= 95 ? 'warn' : 'down';
}
