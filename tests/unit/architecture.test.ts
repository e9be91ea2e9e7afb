import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';

// The layering rules of the tree, read from the source: who may hold the database client,
// who may name the HTTP error class, who may reach the worker's singleton, and which modules
// must refuse to load in a browser bundle. A stray import fails here, naming file and line.

const root = path.resolve(import.meta.dirname, '..', '..');
const SCANNED = ['app', 'lib', 'components', 'instrumentation.ts', 'proxy.ts'];

interface ImportRef {
  file: string; // repo-relative, forward slashes
  line: number;
  source: string;
  /** Resolved to a repo-relative module path without extension when it is ours (@/ or relative). */
  target: string | null;
  typeOnly: boolean;
}

function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      const name = path.basename(p);
      if (name === 'generated' || name === 'node_modules' || name.startsWith('.')) return;
      for (const entry of fs.readdirSync(p)) walk(path.join(p, entry));
    } else if (/\.(ts|tsx|mts)$/.test(p) && !p.endsWith('.d.ts')) {
      out.push(path.relative(root, p).split(path.sep).join('/'));
    }
  };
  for (const s of SCANNED) if (fs.existsSync(path.join(root, s))) walk(path.join(root, s));
  return out;
}

function resolveTarget(file: string, source: string): string | null {
  let rel: string;
  if (source.startsWith('@/')) rel = source.slice(2);
  else if (source.startsWith('.')) rel = path.posix.normalize(path.posix.join(path.posix.dirname(file), source));
  else return null;
  return rel.replace(/\.(ts|tsx|js|mjs)$/, '').replace(/\/index$/, '');
}

const IMPORT_RE = /(?:^|\n)\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): ImportRef[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const refs: ImportRef[] = [];
  for (const m of text.matchAll(IMPORT_RE)) {
    const source = m[4] ?? m[5] ?? m[6];
    const line = text.slice(0, m.index).split('\n').length + (m[0].startsWith('\n') ? 1 : 0);
    let typeOnly = Boolean(m[2]);
    const clause = m[3];
    if (!typeOnly && clause && /^\{[^}]*\}$/.test(clause.trim())) {
      const names = clause.trim().slice(1, -1).split(',').map((s) => s.trim()).filter(Boolean);
      typeOnly = names.length > 0 && names.every((n) => n.startsWith('type '));
    }
    refs.push({ file, line, source, target: resolveTarget(file, source), typeOnly });
  }
  return refs;
}

const files = sourceFiles();
const refs = files.flatMap(importsOf);
const show = (r: ImportRef) => `${r.file}:${r.line} imports ${r.source}`;
const under = (file: string, dir: string) => file === dir || file.startsWith(`${dir}/`);

/** Start-up code may open and migrate the database and start and stop the worker. */
const START_UP = ['lib/boot.ts', 'instrumentation.ts'];

describe('architecture', () => {
  it('scans the tree it guards', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(refs.some((r) => r.target === 'lib/db/client')).toBe(true);
  });

  it('lets only lib/data and lib/db use the database client (type imports are fine)', () => {
    const stray = refs.filter((r) => {
      if (r.typeOnly || under(r.file, 'lib/data') || under(r.file, 'lib/db')) return false;
      const db = r.target !== null && (under(r.target, 'lib/db') || under(r.target, 'lib/generated'));
      const driver = ['better-sqlite3', '@prisma/adapter-better-sqlite3', '@prisma/adapter-pg', 'pg', '@prisma/client'].includes(r.source);
      if (!db && !driver) return false;
      if (START_UP.includes(r.file) && r.target === 'lib/db/client') return false;
      // The API maps Prisma's error classes to HTTP statuses.
      if (r.file === 'lib/api/errors.ts' && r.target === 'lib/generated/prisma/client') return false;
      return true;
    });
    expect(stray.map(show)).toEqual([]);
  });

  it('keeps engine-specific SQL inside lib/db', () => {
    const engineWords = /\bjson_each\b|\bjson_extract\b|\bPRAGMA\b|SQLITE_BUSY|FOR UPDATE|SKIP LOCKED|\bjsonb_/i;
    const stray = files.filter((f) => !under(f, 'lib/db') && engineWords.test(fs.readFileSync(path.join(root, f), 'utf8')));
    expect(stray).toEqual([]);
  });

  it('lets only lib/api (and route handlers) name the HTTP error class', () => {
    const stray = files.filter((f) => under(f, 'lib') && !under(f, 'lib/api') && /\bApiError\b/.test(fs.readFileSync(path.join(root, f), 'utf8')));
    expect(stray).toEqual([]);
  });

  it('keeps HTTP below nothing: no lib folder but lib/api imports lib/api', () => {
    const stray = refs.filter((r) => r.target !== null && under(r.target, 'lib/api') && under(r.file, 'lib') && !under(r.file, 'lib/api') && !r.typeOnly);
    expect(stray.map(show)).toEqual([]);
  });

  it('reaches the worker only through its command port, except from start-up code', () => {
    const stray = refs.filter((r) => r.target === 'lib/cluster/instance' && !START_UP.includes(r.file));
    expect(stray.map(show)).toEqual([]);
    // lib/cluster builds this instance's worker and decides which monitors it owns.
    const monitorWorker = refs.filter((r) => r.target === 'lib/worker/monitor-worker' && !r.typeOnly && !under(r.file, 'lib/worker') && !under(r.file, 'lib/cluster'));
    expect(monitorWorker.map(show)).toEqual([]);
  });

  it("marks every module that touches the database or reads cookies with import 'server-only'", () => {
    const needsMarker = files.filter((f) => {
      if (!under(f, 'lib') || under(f, 'lib/db/sqlite') || f === 'lib/db/dialect.ts' || f === 'lib/db/migration-files.ts') return false;
      const own = importsOf(f);
      const touchesDb = own.some((r) => !r.typeOnly && r.target === 'lib/db/client');
      const readsCookies = own.some((r) => r.source === 'next/headers') || /headers\.get\(['"]cookie['"]\)/.test(fs.readFileSync(path.join(root, f), 'utf8'));
      return touchesDb || readsCookies;
    });
    expect(needsMarker.length).toBeGreaterThan(5);
    const unmarked = needsMarker.filter((f) => !/^\s*import ['"]server-only['"];/m.test(fs.readFileSync(path.join(root, f), 'utf8').split('\n').slice(0, 3).join('\n')));
    expect(unmarked).toEqual([]);
  });

  it('keeps the check engine free of the rest of the app (pure shared helpers aside)', () => {
    const stray = refs.filter((r) => under(r.file, 'lib/checker') && r.target !== null && !under(r.target, 'lib/checker') && !under(r.target, 'lib/shared'));
    expect(stray.map(show)).toEqual([]);
  });
});
