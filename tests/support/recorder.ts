// The plumbing every loopback fake shares: a list of what arrived with a wait until it meets a
// condition, and listening on / closing the fake's server. Each fake keeps its own protocol.
import type { AddressInfo, Server } from 'node:net';

export interface Recorder<T> {
  /** Everything recorded, in arrival order; the fake hands this same array to its tests. */
  items: T[];
  /** Adds one arrival and lets every pending waitFor look again. */
  record(item: T): void;
  /** Resolves with `items` once `pred` holds; rejects after `timeoutMs`, naming the fake and the count. */
  waitFor(pred: (items: T[]) => boolean, timeoutMs: number): Promise<T[]>;
}

/** `fake` and `noun` word the timeout error: "fake SMTP: condition not met within 5000 ms (0 mails received)". */
export function createRecorder<T>(fake: string, noun: string): Recorder<T> {
  const items: T[] = [];
  const waiters = new Set<() => void>();
  return {
    items,
    record(item) {
      items.push(item);
      for (const wake of waiters) wake();
    },
    waitFor(pred, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!pred(items)) return;
          cleanup();
          resolve(items);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`${fake}: condition not met within ${timeoutMs} ms (${items.length} ${noun} received)`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** An http.Server or an SMTPServer: both listen like a net.Server and report a failed listen as 'error'. */
interface Listenable {
  once(event: 'error', listener: (err: Error) => void): unknown;
  listen(port: number, host: string, onListening: () => void): Server;
}

/** Listens on a free loopback port and returns it. */
export function listenOnLoopback(server: Listenable): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    const listening = server.listen(0, '127.0.0.1', () => resolve((listening.address() as AddressInfo).port));
  });
}

/** Drops open connections where the server can (an HTTP server; smtp-server ends its own), then closes it. */
export function closeServer(server: { close(done: (err?: Error) => void): unknown; closeAllConnections?(): void }): Promise<void> {
  server.closeAllConnections?.();
  return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
}
