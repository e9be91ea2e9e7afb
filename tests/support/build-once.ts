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

export default function setup(): void {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  const sources = Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
  if (built > sources && process.env.PINGBOARD_FORCE_BUILD !== '1') return;
  const started = Date.now();
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error('next build failed');
  console.log(`next build took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
