// One stand-in for every notification service on loopback: records each request (method,
// path, query, headers, raw body and parsed JSON) and answers 200 unless told otherwise for
// a path prefix: fail N times with a status, redirect, answer after a delay, or never answer.
import http from 'node:http';
import { closeServer, createRecorder, listenOnLoopback } from './recorder';

export interface RecordedRequest {
  method: string;
  /** Path without the query. */
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  /** The body exactly as received (what a signature is computed over). */
  raw: string;
  /** The body parsed as JSON, or null when it is not JSON; `any` so tests pick fields without casts. */
  json: any;
}

export interface Behavior {
  /** Default 200. */
  status?: number;
  headers?: Record<string, string>;
  /** Default `{"ok":true}` for a 2xx, an error object otherwise. */
  body?: string;
  /** Answer after this many milliseconds. */
  delayMs?: number;
  /** Never answer (the client's deadline must end it). */
  hang?: boolean;
  /** Use this behavior for the next N matching requests only; default: until reset. */
  times?: number;
}

export interface FakeProviders {
  /** http://127.0.0.1:<port> */
  url: string;
  requests: RecordedRequest[];
  /** Requests whose path starts with `prefix` get this behavior (longest prefix wins). */
  on(prefix: string, behavior: Behavior): void;
  /** Forgets the recorded requests and every behavior. */
  reset(): void;
  waitFor(pred: (requests: RecordedRequest[]) => boolean, timeoutMs?: number): Promise<RecordedRequest[]>;
  close(): Promise<void>;
}

interface Rule {
  prefix: string;
  behavior: Behavior;
  left: number;
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

export async function startFakeProviders(): Promise<FakeProviders> {
  const recorder = createRecorder<RecordedRequest>('fake providers', 'requests');
  const requests = recorder.items;
  let rules: Rule[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const pick = (path: string): Behavior => {
    const matching = rules.filter((r) => path.startsWith(r.prefix) && r.left > 0).sort((a, b) => b.prefix.length - a.prefix.length);
    const rule = matching[0];
    if (!rule) return {};
    rule.left -= 1;
    return rule.behavior;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const raw = Buffer.concat(chunks).toString('utf8');
      recorder.record({
        method: req.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        raw,
        json: parseJson(raw),
      });

      const b = pick(url.pathname);
      if (b.hang) return; // closed by close()/reset() or by the client giving up
      const status = b.status ?? 200;
      const body = b.body ?? (status < 300 ? '{"ok":true}' : JSON.stringify({ message: `fake failure (${status})` }));
      const answer = () => {
        timers.delete(timer);
        if (!res.destroyed) res.writeHead(status, { 'content-type': 'application/json', ...b.headers }).end(body);
      };
      const timer = setTimeout(answer, b.delayMs ?? 0);
      timers.add(timer);
    });
  });

  const port = await listenOnLoopback(server);

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    on(prefix, behavior) {
      rules.push({ prefix, behavior, left: behavior.times ?? Number.POSITIVE_INFINITY });
    },
    reset() {
      requests.length = 0;
      rules = [];
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
    },
    waitFor(pred, timeoutMs = 5_000) {
      return recorder.waitFor(pred, timeoutMs);
    },
    close() {
      for (const t of timers) clearTimeout(t);
      return closeServer(server);
    },
  };
}
