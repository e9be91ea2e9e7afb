// A throwaway PostgreSQL cluster for the test suite and `npm run demo:cluster`: initdb into a
// temporary directory, serve it on a free loopback port, and remove it all again. Plain
// JavaScript so scripts/*.mjs can use it without a TypeScript loader; tests/support/postgres.ts
// re-exports it with types (postgres-cluster.d.mts).
//
// A postmaster outlives the process that started it, so stopping does not rest on the caller
// alone: an exit hook stops the cluster when the process exits or is told to by a signal, and a
// detached watchdog stops it and removes its directory within a second of the process dying
// any other way (SIGKILL, an out-of-memory kill).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** Debian's PostgreSQL 15 server binaries, which are not on PATH. */
export const PG_BIN = process.env.PG_BIN || '/usr/lib/postgresql/15/bin';

/** `postgres://` and `postgresql://` select PostgreSQL in the app; anything else is SQLite. */
export function isPostgresUrl(url) {
  return typeof url === 'string' && /^postgres(ql)?:\/\//i.test(url);
}

// PostgreSQL refuses to run as root: as root every server command runs as the postgres user.
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function command(bin, args) {
  const file = path.join(PG_BIN, bin);
  return asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
}

function runSync(bin, args) {
  const [file, argv] = command(bin, args);
  return spawnSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function run(bin, args, { detached = false } = {}) {
  const [file, argv] = command(bin, args);
  return new Promise((resolve) => {
    const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], detached });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (err) => resolve({ status: 127, output: String(err) }));
    child.on('close', (status) => resolve({ status, output }));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// Throwaway data: no fsync, no full-page writes, room for many app instances' pools.
const SERVER_SETTINGS = ['max_connections=400', 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off'];

/** Whether this machine has the server binaries (.ci/run installs them when not). */
export function hasPostgres() {
  return fs.existsSync(path.join(PG_BIN, 'initdb'));
}

/**
 * initdb a cluster in a new temporary directory and start it on a free 127.0.0.1 port, with
 * trust authentication for the `postgres` user. Resolves once it accepts connections.
 *
 * The server runs in a session of its own, so a Ctrl-C at the terminal reaches only this
 * process, which stops it after whatever still uses it. `signals: false` leaves SIGINT,
 * SIGTERM and SIGHUP to the caller (who must then call stop()); the exit hook and the
 * watchdog stay.
 * @param {{ port?: number, signals?: boolean }} [opts]
 */
export async function startCluster(opts = {}) {
  if (!hasPostgres()) throw new Error(`PostgreSQL server binaries not found in ${PG_BIN} (apt-get install -y postgresql, or set PG_BIN)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pingboard-pg-'));
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'postgres.log');
  if (asRoot) fs.chownSync(dir, postgresUid(), postgresGid());
  let watchdog;
  let started = false;

  const stopSync = () => {
    if (started) runSync('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '20', 'stop']);
    started = false;
    fs.rmSync(dir, { recursive: true, force: true });
    killWatchdog();
  };
  const killWatchdog = () => {
    if (!watchdog) return;
    try {
      process.kill(-watchdog.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    watchdog = undefined;
  };
  const onExit = () => stopSync();
  const onSignal = (signal) => {
    stopSync();
    unhook();
    // Alone on this signal: do what the default action would have done.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const signals = opts.signals === false ? [] : ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const hook = () => {
    process.on('exit', onExit);
    for (const s of signals) process.on(s, onSignal);
  };
  const unhook = () => {
    process.removeListener('exit', onExit);
    for (const s of signals) process.removeListener(s, onSignal);
  };

  hook();
  try {
    const init = await run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']);
    if (init.status !== 0) throw new Error(`initdb failed:\n${init.output}`);
    watchdog = startWatchdog(dir, data);

    // A free port can be taken between the probe and the bind: try a few.
    for (let attempt = 1; ; attempt++) {
      const port = opts.port ?? (await freePort());
      const options = [`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', ...SERVER_SETTINGS.map((s) => `-c ${s}`)].join(' ');
      const start = await run('pg_ctl', ['-D', data, '-o', options, '-l', log, '-w', '-t', '60', 'start'], { detached: true });
      if (start.status === 0) {
        started = true;
        const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
        return {
          adminUrl,
          port,
          dir,
          /** Fast shutdown, then the directory is removed. Safe to call twice. */
          stop: async () => {
            unhook();
            if (started) {
              const stop = await run('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']);
              if (stop.status !== 0) runSync('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '20', 'stop']);
              started = false;
            }
            stopSync();
          },
          stopSync: () => {
            unhook();
            stopSync();
          },
        };
      }
      const serverLog = fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '';
      if (opts.port !== undefined || attempt >= 3 || !/could not (bind|create listen)/i.test(serverLog)) {
        throw new Error(`pg_ctl start failed:\n${start.output}\n${serverLog}`);
      }
    }
  } catch (err) {
    unhook();
    stopSync();
    throw err;
  }
}

function postgresUid() {
  return Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
}

function postgresGid() {
  return Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
}

/** A shell in its own process group that stops the cluster once this process is gone. */
function startWatchdog(dir, data) {
  const [file, argv] = command('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '20', 'stop']);
  const quote = (s) => `'${String(s).replaceAll("'", `'\\''`)}'`;
  const script = [
    `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done`,
    `${[file, ...argv].map(quote).join(' ')} >/dev/null 2>&1`,
    `rm -rf ${quote(dir)}`,
  ].join('\n');
  const child = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  child.unref();
  return child;
}

function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(name)}`;
  return u.toString();
}

function databaseName(url) {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

const quoteIdent = (name) => `"${name.replaceAll('"', '""')}"`;

async function withAdmin(adminUrl, fn) {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 15_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * CREATE DATABASE with a random name on the server of `adminUrl`; resolves to its URL (the
 * admin URL with the new name as its path). With `template`, a copy of that database (one
 * already migrated, so an app starting on the copy finds nothing to do).
 * @param {string} adminUrl
 * @param {string} [prefix]
 * @param {string} [template]
 */
export async function createDatabase(adminUrl, prefix = 'pingboard_test', template) {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const from = template ? ` TEMPLATE ${quoteIdent(template)}` : '';
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}${from}`));
  return withDatabase(adminUrl, name);
}

/** The database name in a PostgreSQL URL. @param {string} url */
export function databaseNameOf(url) {
  return databaseName(url);
}

/**
 * DROP DATABASE ... WITH (FORCE): connections still open to it are ended first. Connects to
 * `adminUrl`, or to the `postgres` database of the same server.
 * @param {string} url
 * @param {string} [adminUrl]
 */
export async function dropDatabase(url, adminUrl) {
  const name = databaseName(url);
  await withAdmin(adminUrl ?? withDatabase(url, 'postgres'), (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
}
