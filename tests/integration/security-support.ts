// Small helpers shared by the security-*.test.ts files: raw requests (no redirect following),
// cookie sessions, direct reads of the app's database (either engine), and timing.
import { expect } from 'vitest';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
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

/**
 * Sends `size` bytes of body over a plain socket (with a Content-Length, or chunked without one)
 * and resolves once the whole answer has arrived, without waiting for the upload to finish:
 * how long the server takes to answer, which a fetch cannot show, since it resolves only after
 * its last byte is sent (and a 10 MB upload alone can take 100 ms on a busy 2-core machine).
 */
export function answerToUpload(
  url: string,
  { method = 'POST', headers = {}, size, chunked = false }: { method?: string; headers?: Record<string, string>; size: number; chunked?: boolean },
): Promise<{ ms: number; status: number; json: any }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = net.connect(Number(u.port), u.hostname);
    const timer = setTimeout(() => finish(new Error('no answer within 10 s')), 10_000);
    let received = Buffer.alloc(0);
    let done = false;
    function finish(err: Error | null, answer?: { ms: number; status: number; json: any }) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(answer!);
    }
    socket.on('error', (err) => finish(err));
    socket.on('close', () => finish(new Error(`closed before a whole answer: ${received.toString('latin1').slice(0, 200)}`)));
    socket.on('data', (data) => {
      received = Buffer.concat([received, data]);
      const text = received.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = text.slice(0, end);
      let body = text.slice(end + 4);
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
      if (length) {
        if (body.length < Number(length[1])) return;
      } else {
        if (!body.endsWith('0\r\n\r\n')) return; // chunked: wait for the last chunk
        body = body.replace(/(^|\r\n)[0-9a-f]+\r\n/gi, '').replace(/\r\n$/, '');
      }
      let json: any = null;
      try {
        json = JSON.parse(Buffer.from(body, 'latin1').toString('utf8'));
      } catch {
        json = null;
      }
      finish(null, { ms: performance.now() - started, status: Number(head.split(' ')[1]), json });
    });
    socket.on('connect', () => {
      const lines = [`${method} ${u.pathname}${u.search} HTTP/1.1`, `Host: ${u.host}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
      lines.push(chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${size}`);
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
      const piece = Buffer.alloc(64 * 1024, 0x61);
      let sent = 0;
      const pump = () => {
        while (!done && sent < size) {
          const n = Math.min(piece.length, size - sent);
          sent += n;
          const data = chunked ? Buffer.concat([Buffer.from(`${n.toString(16)}\r\n`), piece.subarray(0, n), Buffer.from('\r\n')]) : piece.subarray(0, n);
          if (!socket.write(data)) return void socket.once('drain', pump);
        }
        if (!done && chunked) socket.write('0\r\n\r\n');
      };
      pump();
    });
  });
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
