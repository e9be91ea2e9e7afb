// Several real Pingboard servers on one PostgreSQL database, as a deployment behind a load
// balancer runs them, and the few reads the cluster tests need of them: each one's
// /api/healthz, who owns which monitor (Monitor.ownerId), and a JSON client whose every
// request has a deadline.
import { startApp, type AppServer } from '../../support/app-server';
import { queryDb } from '../../support/app-db';

/** The instance part of GET /api/healthz. */
export interface Health {
  status: string;
  db: string;
  instance: string;
  role: 'worker' | 'web';
  leader: boolean;
  database: 'sqlite' | 'postgresql';
  worker: { running: boolean; scheduled: number; owned: number; pendingResults: number; pendingStateWrites: number; degraded: boolean };
}

export interface JsonResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A JSON API client bound to one instance; every request gives up after `timeoutMs`. */
export class Client {
  constructor(
    readonly app: AppServer,
    public token: string | null = null,
    private readonly timeoutMs = 15_000,
  ) {}

  async request<T = any>(method: string, path: string, body?: unknown): Promise<JsonResponse<T>> {
    const res = await fetch(this.app.url + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /**
   * A POST that, like any well-behaved client, tries again (at most 5 times) when the server
   * answers 503 with Retry-After: the database was busy, e.g. many creations for one account
   * waiting on its row lock.
   */
  async postRetryingBusy<T = any>(path: string, body?: unknown): Promise<JsonResponse<T>> {
    for (let attempt = 1; ; attempt++) {
      const res = await this.request<T>('POST', path, body);
      if (res.status !== 503 || attempt === 5) return res;
      await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 1) * 1000));
    }
  }

  get = <T = any>(path: string) => this.request<T>('GET', path);
  post = <T = any>(path: string, body?: unknown) => this.request<T>('POST', path, body);
  patch = <T = any>(path: string, body?: unknown) => this.request<T>('PATCH', path, body);

  /** This client on another instance, with the same token (the instances share one JWT secret). */
  on(app: AppServer): Client {
    return new Client(app, this.token, this.timeoutMs);
  }
}

/** Starts `n` servers together on one database, as a deployment would (they race to migrate). */
export function startInstances(n: number, env: Record<string, string>): Promise<AppServer[]> {
  return Promise.all(Array.from({ length: n }, () => startApp({ env })));
}

export async function health(app: AppServer): Promise<Health> {
  const res = await fetch(`${app.url}/api/healthz`, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`healthz of ${app.url}: ${res.status}`);
  return (await res.json()) as Health;
}

/** Monitor id -> owning instance id (null: nobody holds it right now). */
export async function owners(databaseUrl: string): Promise<Map<string, string | null>> {
  const rows = await queryDb<{ id: string; ownerId: string | null }>({ engine: 'postgresql', databaseUrl }, `SELECT "id", "ownerId" FROM "Monitor"`);
  return new Map(rows.map((r) => [r.id, r.ownerId]));
}

/** Check rows stored with checkedAt in [fromMs, toMs), over every monitor. */
export async function countChecks(databaseUrl: string, fromMs: number, toMs: number): Promise<number> {
  const utc = (p: string) => `(to_timestamp(${p}::double precision / 1000) AT TIME ZONE 'UTC')`;
  const rows = await queryDb<{ n: number }>(
    { engine: 'postgresql', databaseUrl },
    `SELECT COUNT(*) AS n FROM "Check" WHERE "checkedAt" >= ${utc('?')} AND "checkedAt" < ${utc('?')}`,
    fromMs,
    toMs,
  );
  return rows[0].n;
}

/** Runs `task` for 0..count-1 with at most `concurrency` at once; resolves to the results in order. */
export async function inParallel<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

/** Polls `fn` every `everyMs` until it returns something truthy; throws after `timeoutMs`, naming `what` and the last value seen. */
export async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs: number, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
      last = v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
