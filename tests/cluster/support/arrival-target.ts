// A target site on loopback that remembers when each path was asked for: monitor i checks
// <url>/m/<i>, so each monitor's arrivals form their own series, which is what the cluster
// tests judge (cadence, double checks, gaps around a takeover). Every path answers 200 until
// the test sets another status for it.
import http from 'node:http';
import { closeServer, listenOnLoopback } from '../../support/recorder';

export interface ArrivalTarget {
  /** http://127.0.0.1:<port>, without a trailing slash. */
  url: string;
  /** Arrival times (epoch ms) per path, in arrival order; a path never asked for has none. */
  arrivals(path: string): number[];
  /** Every path asked for so far. */
  paths(): string[];
  /** How many requests arrived in all. */
  total(): number;
  /** Answers `status` on these paths from now on (200 is the default of every path). */
  setStatus(paths: string | string[], status: number): void;
  close(): Promise<void>;
}

export async function startArrivalTarget(): Promise<ArrivalTarget> {
  const byPath = new Map<string, number[]>();
  const statusOf = new Map<string, number>();
  let total = 0;
  const server = http.createServer((req, res) => {
    const at = Date.now();
    const path = (req.url ?? '/').split('?')[0];
    let list = byPath.get(path);
    if (!list) byPath.set(path, (list = []));
    list.push(at);
    total++;
    req.resume();
    const status = statusOf.get(path) ?? 200;
    res.writeHead(status, { 'content-type': 'text/plain' });
    res.end(status < 400 ? 'ok' : 'failing');
  });
  server.keepAliveTimeout = 10_000;
  const port = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals: (path) => byPath.get(path) ?? [],
    paths: () => [...byPath.keys()],
    total: () => total,
    setStatus(paths, status) {
      for (const p of typeof paths === 'string' ? [paths] : paths) statusOf.set(p, status);
    },
    close: () => closeServer(server),
  };
}
