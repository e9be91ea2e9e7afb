import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// Starts the real production server (scripts/serve.mjs) on a free loopback port with its
// own data directory, exactly as `npm start` would after a build.

const root = path.resolve(import.meta.dirname, '..', '..');

export interface AppServer {
  url: string;
  port: number;
  /** The server process, for benches that read its CPU time from /proc. */
  pid: number;
  dataDir: string;
  logs: () => string;
  /** SIGTERM and wait for exit; the data directory is kept for restarts. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
  /** Stop and delete the data directory. */
  dispose: () => Promise<void>;
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

export async function startApp(opts: { env?: Record<string, string>; dataDir?: string } = {}): Promise<AppServer> {
  const port = await freePort();
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'pingboard-test-'));
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
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
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
    dispose: async () => {
      await stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
