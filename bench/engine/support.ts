// Shared by the engine benches: the target process, handle counts and percentiles.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

export interface TargetPorts {
  hanging: number[];
  silent: number;
  reset: number;
  slow: number;
  healthy: number;
  refused: number;
}

export async function startTargets(env: Record<string, string> = {}): Promise<{ ports: TargetPorts; stop: () => void }> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'targets.ts')], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout! });
    rl.once('line', (l) => {
      rl.close();
      resolve(l);
    });
    child.once('exit', (code) => reject(new Error(`target process exited with ${code}`)));
  });
  return { ports: JSON.parse(line) as TargetPorts, stop: () => child.stdin?.end() };
}

/** A fresh data directory; set before any lib/ module is imported (lib/env reads it once). */
export function useTempDatabase(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.env.DATA_DIR = dir;
  process.env.DATABASE_URL = `file:${path.join(dir, 'pingboard.db')}`;
  process.env.LOG_LEVEL ??= 'error';
  delete process.env.SENDGRID_API_KEY; // alerts are logged and stored as skipped
  return dir;
}

const WATCHED = ['TCPWrap', 'TCPSocketWrap', 'TCPConnectWrap', 'TLSWrap', 'Timeout', 'GetAddrInfoReqWrap'];

/** Active libuv handles and requests by type, the sockets and timers in particular. */
export function handleCounts(): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(WATCHED.map((k) => [k, 0]));
  let total = 0;
  for (const name of process.getActiveResourcesInfo()) {
    total++;
    if (name in counts) counts[name]++;
  }
  return { ...counts, total };
}

export function formatCounts(c: Record<string, number>): string {
  return Object.entries(c)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function summary(values: number[]): { n: number; p50: number; p95: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

export const ms = (v: number) => `${v.toFixed(1)} ms`;
export const sleep = (t: number) => new Promise((r) => setTimeout(r, t));
