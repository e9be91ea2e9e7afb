import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// Vitest global setup: the integration and browser tests run against the production build.
// It is rebuilt when any source file is newer than the last build.

const root = path.resolve(import.meta.dirname, '..', '..');
const SOURCES = ['app', 'lib', 'components', 'instrumentation.ts', 'next.config.ts', 'proxy.ts', 'prisma/schema.prisma', 'package.json'];

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) {
    if (entry === 'generated' || entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

function isFresh(): boolean {
  const buildId = path.join(root, process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID');
  const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  return built > Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
}

export default function setup(): void {
  if (process.env.PINGBOARD_FORCE_BUILD !== '1' && isFresh()) return;
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    const started = Date.now();
    const result = spawnSync(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    });
    const stderr = result.stderr?.toString() ?? '';
    process.stderr.write(stderr);
    if (result.status === 0) {
      console.log(`next build took ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return;
    }
    // Another test run in this checkout is building: wait for it, then use its build if fresh.
    if (!/Another .*build.* process is already running/.test(stderr) || Date.now() > deadline) throw new Error('next build failed');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 3000);
    if (isFresh()) return;
  }
}
