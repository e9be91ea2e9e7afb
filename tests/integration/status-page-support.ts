// Helpers shared by the status page and badge tests: raw HTTP requests that may set any Host
// header, a target that fails with a reason phrase of the test's choosing, the owner's API calls
// those tests repeat, and a check history written straight into Check and its hourly and daily
// rollups on either engine (the worker would take 90 days to make one).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { AppServer } from '../support/app-server';
import type { Api, ApiResponse } from '../support/api';
import { queryDb } from '../support/app-db';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

export const unique = (prefix: string): string => `${prefix}-${randomBytes(5).toString('hex')}`;
export const utcDayStart = (ms: number): number => Math.floor(ms / DAY_MS) * DAY_MS;
export const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: any;
}

/**
 * One request through node:http, so any Host header can be sent (fetch decides Host itself).
 * Redirects are not followed.
 */
export function rawRequest(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: any = null;
        try {
          json = text ? JSON.parse(text) : null;
        } catch {
          json = null;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A target that answers every request with one status and reason phrase, remembering the headers it got. */
export interface ReasonTarget {
  url: string;
  port: number;
  seen: http.IncomingHttpHeaders[];
  close(): Promise<void>;
}

export async function startReasonTarget(status: number, reason: string, path = '/'): Promise<ReasonTarget> {
  const seen: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    res.writeHead(status, reason, { 'content-type': 'text/plain' }).end(reason);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    port,
    seen,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

/** The `sections.0.monitors.1.monitorId` style paths of a 400's issues. */
export function issuePaths(res: ApiResponse): string[] {
  return (res.body?.error?.issues ?? []).map((i: { path: Array<string | number> }) => i.path.join('.'));
}

/** A 400 validation answer whose issues name `field` (a dotted path). */
export function expectFieldError(res: ApiResponse, field: string, what = field): void {
  expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(400);
  expect(res.body.error.code, what).toBe('validation_failed');
  expect(res.body.error.message, what).toEqual(expect.any(String));
  expect(issuePaths(res), what).toContain(field);
}

export async function createMonitor(api: Api, body: Record<string, unknown>): Promise<any> {
  const res = await api.post('/api/monitors', { active: false, ...body });
  if (res.status !== 201) throw new Error(`monitor create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.monitor;
}

export async function createPage(api: Api, body: Record<string, unknown>): Promise<any> {
  const res = await api.post('/api/status-pages', body);
  if (res.status !== 201) throw new Error(`status page create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.statusPage;
}

/** A DateTime parameter in the column's shape: epoch ms on SQLite, UTC text on PostgreSQL (timestamp without time zone). */
export const dbTime = (app: Pick<AppServer, 'engine'>, ms: number): number | string => (app.engine === 'sqlite' ? ms : new Date(ms).toISOString());

/** One seeded check. */
export interface SeedCheck {
  status: 'UP' | 'DOWN' | 'BLOCKED';
  at: number;
  maintenance?: boolean;
  latencyMs?: number | null;
}

/** Multi-row INSERTs, a few hundred rows per statement (both engines' parameter limits allow far more). */
async function insertRows(app: AppServer, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    await queryDb(app, head + chunk.map(() => tuple).join(', '), ...chunk.flat());
  }
}

type Totals = { total: number; up: number; latencySum: number; latencyCount: number; mTotal: number; mUp: number };

/** The rollup totals of some checks, by period start (BLOCKED checks in none of the counts). */
function totalsBy(checks: SeedCheck[], period: number): Map<number, Totals> {
  const out = new Map<number, Totals>();
  for (const c of checks) {
    if (c.status === 'BLOCKED') continue;
    const start = Math.floor(c.at / period) * period;
    const t = out.get(start) ?? { total: 0, up: 0, latencySum: 0, latencyCount: 0, mTotal: 0, mUp: 0 };
    t.total++;
    if (c.status === 'UP') t.up++;
    if (c.latencyMs != null) {
      t.latencySum += c.latencyMs;
      t.latencyCount++;
    }
    if (c.maintenance) {
      t.mTotal++;
      if (c.status === 'UP') t.mUp++;
    }
    out.set(start, t);
  }
  return out;
}

const ROLLUP_COUNTS = ['totalChecks', 'upChecks', 'latencySum', 'latencyCount', 'maintenanceChecks', 'maintenanceUpChecks'];

/**
 * Writes the checks as the worker would: the Check rows, and their totals per hour
 * (CheckRollup) and per UTC day (CheckDailyRollup). The monitor should be paused, so the worker
 * adds nothing of its own.
 */
export async function seedChecks(app: AppServer, monitorId: string, checks: SeedCheck[]): Promise<void> {
  await insertRows(
    app,
    'Check',
    ['id', 'monitorId', 'status', 'latencyMs', 'maintenance', 'checkedAt'],
    checks.map((c) => [randomUUID(), monitorId, c.status, c.latencyMs ?? null, c.maintenance ? 1 : 0, dbTime(app, c.at)]),
  );
  const rollupRows = (period: number) =>
    [...totalsBy(checks, period)].map(([start, t]) => [monitorId, dbTime(app, start), t.total, t.up, t.latencySum, t.latencyCount, t.mTotal, t.mUp]);
  await insertRows(app, 'CheckRollup', ['monitorId', 'hourStart', ...ROLLUP_COUNTS], rollupRows(HOUR_MS));
  await insertRows(app, 'CheckDailyRollup', ['monitorId', 'dayStart', ...ROLLUP_COUNTS], rollupRows(DAY_MS));
}

/** An automatic outage (what the worker records when a monitor goes DOWN), ended or open. */
export async function seedOutage(app: AppServer, monitorId: string, startedAt: number, endedAt: number | null): Promise<void> {
  await queryDb(
    app,
    `INSERT INTO "Incident" ("id", "monitorId", "startedAt", "endedAt", "cause") VALUES (?, ?, ?, ?, 'http_status')`,
    randomUUID(),
    monitorId,
    dbTime(app, startedAt),
    endedAt === null ? null : dbTime(app, endedAt),
  );
}

/** Percent with two decimals, as the app rounds it; null when nothing was counted. */
export const percent = (up: number, total: number): number | null => (total > 0 ? Math.round((up / total) * 10_000) / 100 : null);

/** `name=value` of a Set-Cookie header, with its attributes. */
export function parseSetCookie(header: string | string[] | undefined): { pair: string; attributes: Record<string, string> } | null {
  const first = Array.isArray(header) ? header[0] : header;
  if (!first) return null;
  const [pair, ...attrs] = first.split(';').map((s) => s.trim());
  const attributes: Record<string, string> = {};
  for (const a of attrs) {
    const [k, ...v] = a.split('=');
    attributes[k.toLowerCase()] = v.join('=');
  }
  return { pair, attributes };
}
