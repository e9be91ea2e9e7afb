import { describe, expect, it } from 'vitest';
import { readConfigFile } from '@/lib/config-io/read-file';
import { InvalidError } from '@/lib/errors';

// Uploaded files as data: the Content-Type decides, else JSON then YAML; syntax errors say where.

const problem = (text: string, type: string | null = null) => {
  try {
    readConfigFile(text, type);
  } catch (err) {
    if (err instanceof InvalidError) return err.details.issues?.[0]?.message;
    throw err;
  }
  return null;
};

describe('readConfigFile', () => {
  it('reads JSON and YAML by type and by trying', () => {
    expect(readConfigFile('{"version":1}', 'application/json').data).toEqual({ version: 1 });
    expect(readConfigFile('version: 1\nmonitors: []\n', 'application/yaml').data).toEqual({ version: 1, monitors: [] });
    expect(readConfigFile('version: 1\n', null).data).toEqual({ version: 1 });
    expect(readConfigFile('{"version":1}', 'text/plain').data).toEqual({ version: 1 });
  });

  it('names the line and column of a syntax error', () => {
    expect(problem('version: 1\nmonitors:\n  - name: a\n    url: x: y\n', 'application/yaml')).toBe('YAML syntax error at line 4, column 10: Nested mappings are not allowed in compact mappings');
    expect(problem('{\n  "version": 1,\n}', 'application/json')).toMatch(/^JSON syntax error at line 3, column \d+/);
    expect(problem('a: 1\na: 2\n')).toMatch(/line 2/);
  });

  it('refuses empty files, NUL characters and alias bombs', () => {
    expect(problem('  ')).toBe('The file is empty');
    expect(problem('name: "a\\0b"')).toBe('The file must not contain NUL characters');
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`)].join('\n');
    expect(problem(bomb)).toMatch(/YAML syntax error/);
  });
});
