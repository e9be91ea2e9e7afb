// `npm run backup -- <file>` on a running install. SQLite: the backup is taken while ten 1 s
// monitors are being checked and written, holds every monitor and every check stored before it
// began, and a server started on a data directory holding only the backup (the README's restore)
// serves them. PostgreSQL: the script points at pg_dump and writes nothing.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { Api, waitFor } from '../support/api';
import { countRows, queryDb } from '../support/app-db';
import { startTarget, type TargetServer } from '../support/target-server';

const root = path.resolve(import.meta.dirname, '..', '..');
const apps: AppServer[] = [];
let target: TargetServer;
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pingboard-backup-'));

beforeAll(async () => {
  target = await startTarget(200);
});
afterAll(async () => {
  for (const a of apps) await a.dispose();
  await target?.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

/** Runs `npm run backup -- <file>` as an operator would, with the server's own DATA_DIR / DATABASE_URL. */
function backup(app: AppServer, file?: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'backup', ...(file ? ['--', file] : [])], {
      cwd: root,
      env: { ...process.env, DATA_DIR: app.dataDir, DATABASE_URL: app.engine === 'postgresql' ? app.databaseUrl : '', INIT_CWD: root },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const isSqlite = (process.env.TEST_ENGINE ?? 'sqlite') === 'sqlite';

describe.runIf(isSqlite)('backup of a running SQLite install', () => {
  it('copies every monitor and every check stored before it, while checks go on, and restores by copying the file in', async () => {
    const app = await startApp();
    apps.push(app);
    const api = new Api(app.url);
    const owner = await api.signup();
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push((await api.post('/api/monitors', { name: `Site ${i}`, url: `${target.url}site-${i}`, intervalSeconds: 1 })).body.monitor.id);
    await waitFor(async () => (await countRows(app, 'SELECT COUNT(*) AS n FROM "Check"')) >= 30, 20_000, '30 stored checks');

    const before = new Set((await queryDb<{ id: string }>(app, 'SELECT id FROM "Check"')).map((r) => r.id));
    const file = path.join(folder, 'nightly', 'pingboard.db');
    const result = await backup(app, file);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/Backed up .* 10 monitors, \d+ checks/);
    // The server kept checking while the copy was made, and goes on afterwards.
    const liveAfter = await countRows(app, 'SELECT COUNT(*) AS n FROM "Check"');
    await waitFor(async () => (await countRows(app, 'SELECT COUNT(*) AS n FROM "Check"')) > liveAfter, 10_000, 'checks after the backup');

    const copy = new Database(file, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      const copied = new Set((copy.prepare('SELECT id FROM "Check"').all() as { id: string }[]).map((r) => r.id));
      expect([...before].filter((id) => !copied.has(id))).toEqual([]);
      expect(copied.size).toBeGreaterThanOrEqual(before.size);
      expect((copy.prepare('SELECT id FROM "Monitor" ORDER BY id').all() as { id: string }[]).map((r) => r.id)).toEqual([...ids].sort());
    } finally {
      copy.close();
    }
    expect(fs.readdirSync(path.dirname(file))).toEqual(['pingboard.db']);

    // A second backup never overwrites the first.
    const again = await backup(app, file);
    expect(again.code).toBe(1);
    expect(again.output).toMatch(/exists already/);

    // Restore as the README says: the backup becomes pingboard.db of a data directory (a new one
    // here, so the JWT secret is new too and the owner signs in again).
    const restoredDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pingboard-restored-'));
    fs.copyFileSync(file, path.join(restoredDir, 'pingboard.db'));
    const restored = await startApp({ dataDir: restoredDir, env: { WORKER: 'off' } });
    apps.push(restored);
    const login = await new Api(restored.url).post('/api/auth/login', { email: owner.email, password: owner.password });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    const restoredApi = new Api(restored.url, login.body.token);
    const monitors = (await restoredApi.get('/api/monitors')).body.monitors as { id: string }[];
    expect(monitors.map((m) => m.id).sort()).toEqual([...ids].sort());
    const history = (await restoredApi.get(`/api/monitors/${ids[0]}/checks?limit=500`)).body.checks as { id: string }[];
    const storedBefore = (await queryDb<{ id: string }>(app, 'SELECT id FROM "Check" WHERE "monitorId" = ?', ids[0])).map((r) => r.id).filter((id) => before.has(id));
    expect(storedBefore.length).toBeGreaterThan(0);
    const restoredIds = new Set(history.map((c) => c.id));
    expect(storedBefore.filter((id) => !restoredIds.has(id))).toEqual([]);
  });

  it('refuses without a file name, naming the usage', async () => {
    const res = await backup(apps[0]);
    expect(res.code).toBe(1);
    expect(res.output).toMatch(/Usage: npm run backup -- <file>/);
  });
});

describe.runIf(!isSqlite)('backup of a PostgreSQL install', () => {
  it('points at pg_dump and writes no file', async () => {
    const app = await startApp({ env: { WORKER: 'off' } });
    apps.push(app);
    const file = path.join(folder, 'pg.db');
    const result = await backup(app, file);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/pg_dump --format=custom/);
    expect(fs.existsSync(file)).toBe(false);
  });
});
