import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createAppDatabase, dropDatabase, engineOf, testEngine, type Engine } from './postgres';

// Starts the real production server (scripts/serve.mjs) on a free loopback port with its
// own data directory, exactly as `npm start` would after a build. On the PostgreSQL engine
// (TEST_ENGINE=postgresql) each data directory also gets its own fresh database.

const root = path.resolve(import.meta.dirname, '..', '..');

export interface AppServer {
  url: string;
  port: number;
  /** The server process, for benches that read its CPU time from /proc. */
  pid: number;
  dataDir: string;
  engine: Engine;
  /**
   * The app's database: the postgres:// URL it was given, or on SQLite the `file:` URL of
   * DATA_DIR/pingboard.db (the server itself is given no DATABASE_URL then).
   */
  databaseUrl: string;
  logs: () => string;
  /** SIGTERM and wait for exit; the data directory is kept for restarts. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
  /** Stop and delete the data directory, and the database startApp created once no app uses it. */
  dispose: () => Promise<void>;
}

/**
 * The databases startApp created, by data directory: a restart on the same data directory
 * (`startApp({ dataDir: first.dataDir })`) reuses the database as it reuses the SQLite file.
 * A database is dropped when the last app started on it is disposed.
 */
const createdDatabases = new Map<string, { url: string; apps: number }>();

async function leaseDatabase(dataDir: string): Promise<string> {
  let lease = createdDatabases.get(dataDir);
  if (!lease) {
    lease = { url: await createAppDatabase(), apps: 0 };
    createdDatabases.set(dataDir, lease);
  }
  lease.apps++;
  return lease.url;
}

async function releaseDatabase(dataDir: string): Promise<void> {
  const lease = createdDatabases.get(dataDir);
  if (!lease || --lease.apps > 0) return;
  createdDatabases.delete(dataDir);
  await dropDatabase(lease.url);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * `opts.env` is passed to the server over the test defaults. An explicit `env.DATABASE_URL`
 * wins over the engine's own database (so several apps can share one; startApp never drops
 * it); on SQLite, apps share a database by sharing `dataDir`.
 */
export async function startApp(opts: { env?: Record<string, string>; dataDir?: string } = {}): Promise<AppServer> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'pingboard-test-'));
  const explicitUrl = opts.env?.DATABASE_URL || undefined;
  const engine = explicitUrl ? engineOf(explicitUrl) : testEngine();
  const leased = !explicitUrl && engine === 'postgresql';
  const serverDatabaseUrl = explicitUrl ?? (leased ? await leaseDatabase(dataDir) : '');
  try {
    const app = await spawnApp(dataDir, { ...opts.env, DATABASE_URL: serverDatabaseUrl });
    let disposed = false;
    return {
      ...app,
      engine,
      databaseUrl: serverDatabaseUrl || `file:${path.join(dataDir, 'pingboard.db')}`,
      dispose: async () => {
        await app.stop();
        if (disposed) return;
        disposed = true;
        fs.rmSync(dataDir, { recursive: true, force: true });
        if (leased) await releaseDatabase(dataDir);
      },
    };
  } catch (err) {
    if (leased) await releaseDatabase(dataDir);
    throw err;
  }
}

type SpawnedApp = Omit<AppServer, 'engine' | 'databaseUrl' | 'dispose'>;

async function spawnApp(dataDir: string, env: Record<string, string>): Promise<SpawnedApp> {
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'scripts/serve.mjs')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      BCRYPT_COST: '10',
      // Every test target is on 127.0.0.1 and many tests run several 1 s monitors for one user:
      // the abuse budgets would only slow them. The tests of those budgets set them back.
      MAX_CHECKS_PER_SECOND_PER_USER: '1000',
      MAX_CHECKS_PER_SECOND_PER_HOST: '1000',
      // Tests sign up many users from 127.0.0.1; security-abuse.test.ts sets the real limit back.
      SIGNUP_MAX_PER_HOUR: '1000',
      LOG_LEVEL: 'warn',
      APP_URL: `http://127.0.0.1:${port}`,
      SENDGRID_API_KEY: '',
      // Most tests follow one monitor's alert: holding it 10 s for company would only slow them.
      // The grouping tests set a window of their own.
      ALERT_GROUP_WINDOW_SECONDS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // TEST_APP_LOG_DIR=dir keeps every server's output in dir/<time>-<port>.log, to read after a failure.
  const logFile = process.env.TEST_APP_LOG_DIR ? path.join(process.env.TEST_APP_LOG_DIR, `${Date.now()}-${port}.log`) : undefined;
  if (logFile) fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const record = (d: Buffer) => {
    output += d;
    if (logFile) fs.appendFileSync(logFile, d);
  };
  child.stdout?.on('data', record);
  child.stderr?.on('data', record);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/api/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become healthy:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode !== null) return child.exitCode;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  return {
    url,
    port,
    pid: child.pid!,
    dataDir,
    logs: () => output,
    stop,
  };
}
