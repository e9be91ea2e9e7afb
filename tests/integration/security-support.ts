// Small helpers shared by the security-*.test.ts files: raw requests (no redirect following),
// cookie sessions, direct reads of the app's database (either engine), and timing.
import { expect } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { AppServer } from '../support/app-server';
import { countRows, queryRow } from '../support/app-db';

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export async function raw(url: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<RawResponse> {
  const res = await fetch(url, { redirect: 'manual', ...init });
  const text = await res.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Next answers an RSC request without its cache-busting `_rsc` parameter with a 307 to the same path plus it; follow only those. */
export async function rawFollowingRsc(url: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<RawResponse> {
  let current = url;
  for (let hop = 0; hop < 3; hop++) {
    const res = await raw(current, init);
    const location = res.headers.get('location');
    if (res.status !== 307 || !location) return res;
    const next = new URL(location, current);
    if (!next.searchParams.has('_rsc') || next.pathname !== new URL(current).pathname) return res;
    current = next.toString();
  }
  return raw(current, init);
}

/** Logs in with email and password and returns the `name=value` session cookie. */
export async function loginCookie(app: AppServer, email: string, password: string): Promise<{ cookie: string; token: string }> {
  const res = await raw(`${app.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  if (!cookie.startsWith('pingboard_session=')) throw new Error(`no session cookie: ${res.headers.get('set-cookie')}`);
  return { cookie, token: res.json.token };
}

/** The `n` of a `SELECT COUNT(*) AS n ...` on the app's database. */
export function count(app: AppServer, sql: string, ...params: unknown[]): Promise<number> {
  return countRows(app, sql, ...params);
}

/** The first row of a query on the app's database, in SQLite's shapes (see tests/support/app-db.ts). */
export function dbRow<T extends Record<string, unknown> = Record<string, unknown>>(app: AppServer, sql: string, ...params: unknown[]): Promise<T | undefined> {
  return queryRow<T>(app, sql, ...params);
}

/** A throttled login: 429, the rate_limited code, a Retry-After within the 15-minute window, and no session cookie. */
export function expectThrottled(res: RawResponse, what: string): void {
  expect(res.status, what).toBe(429);
  expect(res.json?.error?.code, what).toBe('rate_limited');
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter, what).toBeGreaterThan(0);
  expect(retryAfter, what).toBeLessThanOrEqual(15 * 60);
  expect(res.headers.get('set-cookie'), what).toBeNull();
}

export const randomSecret = (): string => randomBytes(32).toString('hex');
export const uniqueEmail = (prefix = 'user'): string => `${prefix}-${randomBytes(6).toString('hex')}@example.com`;
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
