import { parseDocument } from 'yaml';
import { InvalidError } from '@/lib/errors';

// An uploaded configuration file as data: JSON or YAML, told by its Content-Type, else JSON
// tried first and YAML second (YAML 1.2 reads JSON too, but JSON's own parser is faster and
// stricter). Syntax errors name their line and column. Importers that read a format's own
// text (Gatus) get the text as well.

export interface ConfigFile {
  data: unknown;
  text: string;
}

/** YAML anchors may be reused this often: enough for real files, too few to blow a small file up. */
const MAX_ALIAS_COUNT = 100;

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return { line, column: position - before.lastIndexOf('\n') };
}

function syntaxError(format: string, message: string, where?: { line: number; column: number }): InvalidError {
  const at = where ? ` at line ${where.line}, column ${where.column}` : '';
  return InvalidError.field([], `${format} syntax error${at}: ${message}`, `The file is not valid ${format}`);
}

function readJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const position = /at position (\d+)/.exec(message);
    const lineCol = /\(line (\d+) column (\d+)\)/.exec(message);
    const where = lineCol ? { line: Number(lineCol[1]), column: Number(lineCol[2]) } : position ? lineAndColumn(text, Number(position[1])) : undefined;
    throw syntaxError('JSON', message.replace(/ in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, ''), where);
  }
}

function readYaml(text: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    throw syntaxError('YAML', first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''), pos ? { line: pos.line, column: pos.col } : undefined);
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
  } catch (err) {
    throw syntaxError('YAML', err instanceof Error ? err.message : String(err));
  }
}

export function readConfigFile(text: string, contentType: string | null): ConfigFile {
  if (text.trim() === '') throw InvalidError.field([], 'The file is empty');
  const type = (contentType ?? '').toLowerCase();
  let data: unknown;
  if (type.includes('json')) data = readJson(text);
  else if (type.includes('yaml') || type.includes('yml')) data = readYaml(text);
  else {
    try {
      data = JSON.parse(text) as unknown;
    } catch {
      data = readYaml(text);
    }
  }
  // No field of ours holds a NUL (PostgreSQL refuses to store one); YAML's "\0" escape could make one.
  if (JSON.stringify(data)?.includes('\\u0000')) throw InvalidError.field([], 'The file must not contain NUL characters');
  return { data, text };
}
