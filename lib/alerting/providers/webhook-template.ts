// The webhook's optional body template: text with {{placeholders}} and nothing else (no logic,
// no helpers, no file or environment access). Each value is escaped for a JSON string and
// written without quotes, so the template supplies them: "name": "{{monitor.name}}". The
// numbers, {{downtimeMs}} (null when unknown) and {{count}}, are written bare. A template is
// accepted only if it names known placeholders and gives valid JSON for the sample events.
import { truncate } from '../render-text';
import { SAMPLE_EVENTS, templateValues, type TemplateValues } from './webhook-payload';

export const MAX_TEMPLATE_CHARS = 16 * 1024;

export const TEMPLATE_PLACEHOLDERS = Object.keys(templateValues(SAMPLE_EVENTS[0]));

const PLACEHOLDER = /\{\{\s*([^{}\s]*)\s*\}\}/g;

/** The value as it appears inside a JSON string: quotes, backslashes and control characters escaped. */
function jsonEscaped(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value).slice(1, -1);
}

export function renderTemplate(template: string, values: TemplateValues): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    if (name === 'downtimeMs' && value === null) return 'null';
    return value === undefined ? '' : jsonEscaped(value);
  });
}

export function unknownPlaceholders(template: string): string[] {
  const names = [...template.matchAll(PLACEHOLDER)].map((m) => m[1]);
  return [...new Set(names.filter((n) => !TEMPLATE_PLACEHOLDERS.includes(n)))];
}

/** Why a template cannot be used, in words for the form; empty when it is fine. */
export function templateProblems(template: string): string[] {
  const unknown = unknownPlaceholders(template);
  if (unknown.length) {
    return unknown.map((n) => `Unknown placeholder {{${n}}}; use one of ${TEMPLATE_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}`);
  }
  for (const event of SAMPLE_EVENTS) {
    try {
      JSON.parse(renderTemplate(template, templateValues(event)));
    } catch (err) {
      const why = truncate(err instanceof Error ? err.message : 'invalid JSON', 200);
      return [`The template must give valid JSON (put string placeholders inside quotes): ${why}`];
    }
  }
  return [];
}
