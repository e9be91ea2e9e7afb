// The production server takes its resolved config from the build (scripts/serve.mjs), so it
// never maps Next's SWC compiler (25 MiB resident) to transpile next.config.ts, and the config
// still applies: the security headers from next.config.ts's headers() are on every app page.
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';

let app: AppServer;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.dispose();
});

it('serves with the built config and without loading the SWC compiler', async () => {
  const res = await fetch(`${app.url}/login`, { signal: AbortSignal.timeout(30_000) });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  expect(res.headers.get('x-powered-by')).toBeNull();
  const maps = fs.readFileSync(`/proc/${app.pid}/maps`, 'utf8');
  expect(maps).toContain(process.execPath);
  expect(maps).not.toContain('next-swc');
});
