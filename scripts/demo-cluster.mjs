// `npm run demo:cluster`: three Pingboard instances sharing one PostgreSQL database, on
// loopback, to watch them share the work. Builds first when there is no production build (as
// `npm start` does), starts a throwaway PostgreSQL cluster (scripts/postgres-cluster.mjs),
// then the instances on ports 3001-3003 (free ports when those are taken). Ctrl-C stops the
// instances, then the cluster, and removes everything it made.
//
// The instances share one JWT secret, so a session made on one is good on the others.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createDatabase, startCluster } from './postgres-cluster.mjs';

const root = path.resolve(import.meta.dirname, '..');
const INSTANCES = 3;
const PREFERRED_PORTS = [3001, 3002, 3003];

process.env.NODE_ENV = 'production';
process.env.NEXT_TELEMETRY_DISABLED ??= '1';
if (!fs.existsSync(path.join(root, process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID'))) {
  console.log('No production build found: running `next build` once (about a minute)...');
  const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
  const result = spawnSync(process.execPath, [nextBin, 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

async function choosePorts() {
  const ports = [];
  for (const preferred of PREFERRED_PORTS) {
    let port = preferred;
    if (!(await portIsFree(port))) port = await new Promise((resolve) => {
      const srv = net.createServer();
      srv.listen(0, '127.0.0.1', () => {
        const chosen = srv.address().port;
        srv.close(() => resolve(chosen));
      });
    });
    ports.push(port);
  }
  return ports;
}

const dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'pingboard-demo-'));
const apps = [];
let cluster;
let shuttingDown = false;

async function shutdown(code) {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log('\nStopping the instances...');
  await Promise.all(
    apps.map(
      (app) =>
        new Promise((resolve) => {
          if (app.child.exitCode !== null || app.child.signalCode !== null) return resolve();
          const force = setTimeout(() => app.child.kill('SIGKILL'), 20_000);
          app.child.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
          app.child.kill('SIGTERM');
        }),
    ),
  );
  if (cluster) {
    console.log('Stopping PostgreSQL and removing its cluster...');
    await cluster.stop();
  }
  fs.rmSync(dataRoot, { recursive: true, force: true });
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void shutdown(0));

async function waitHealthy(app) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (app.child.exitCode !== null) throw new Error(`${app.name} exited with ${app.child.exitCode}`);
    try {
      if ((await fetch(`${app.url}/api/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${app.name} did not become healthy within a minute`);
}

try {
  cluster = await startCluster({ signals: false });
  const databaseUrl = await createDatabase(cluster.adminUrl, 'pingboard_demo');
  const jwtSecret = randomBytes(32).toString('hex');
  const ports = await choosePorts();
  for (let i = 0; i < INSTANCES; i++) {
    const name = `app${i + 1}`;
    const port = ports[i];
    const dataDir = path.join(dataRoot, name);
    fs.mkdirSync(dataDir);
    const child = spawn(process.execPath, [path.join(root, 'scripts/serve.mjs')], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        APP_URL: process.env.APP_URL || `http://127.0.0.1:${port}`,
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        JWT_SECRET: process.env.JWT_SECRET || jwtSecret,
        LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const app = { name, url: `http://127.0.0.1:${port}`, child };
    for (const stream of [child.stdout, child.stderr]) {
      let partial = '';
      stream.on('data', (d) => {
        const lines = (partial + d).split('\n');
        partial = lines.pop();
        for (const line of lines) console.log(`[${name}] ${line}`);
      });
    }
    child.on('exit', (code, signal) => {
      if (shuttingDown) return;
      console.error(`[${name}] exited unexpectedly (${signal ?? code}); stopping the demo.`);
      void shutdown(1);
    });
    apps.push(app);
  }
  await Promise.all(apps.map(waitHealthy));
  console.log('\nPingboard cluster: three instances sharing one PostgreSQL database.');
  for (const app of apps) console.log(`  ${app.name}  ${app.url}`);
  console.log(`  DATABASE_URL=${databaseUrl}`);
  console.log(`  psql ${databaseUrl}`);
  console.log('Sign up on any instance; the session works on all three. Ctrl-C stops everything.');
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  await shutdown(1);
}
