// Escaping for the public status page, its password gate and its Atom feed. Everything on those
// comes from an owner's text, so interpolation escapes by default: the `html` tag escapes each
// value unless it is already SafeHtml (another `html` result, or a fragment wrapped in raw()).

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const NEEDS_ESCAPE = /[&<>"']/;
const TO_ESCAPE = /[&<>"']/g;
// Characters XML 1.0 forbids outright (C0 controls but tab, LF, CR; lone surrogates; U+FFFE/F):
// one in a feed makes the whole document unreadable to a strict reader.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(TO_ESCAPE, (c) => ESCAPES[c]) : text;
}

/** Escapes text for XML content and attributes, dropping characters XML cannot hold. */
export function escapeXml(text: string): string {
  return escapeHtml(text.replace(NOT_XML, ''));
}

/** A string known to be safe HTML; the only way to get one is html`` or raw(). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Marks a fragment as already safe (rendered Markdown, a constant). Never wrap owner text. */
export function raw(fragment: string): SafeHtml {
  return new SafeHtml(fragment);
}

export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

function valueToHtml(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeHtml(value);
  let out = '';
  for (const v of value) out += valueToHtml(v);
  return out;
}

/** Tagged template: literal parts as written, every interpolation escaped unless SafeHtml. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += valueToHtml(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}
