// Loopback-only servers and probe builders for the checker tests. Every server listens on
// 127.0.0.1 on an ephemeral port and tracks its sockets so close() never waits on a client.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { LookupAddress } from 'node:dns';
import type { LookupFn } from '@/lib/checker/safe-lookup';
import type { HttpProbe, OutboundPolicy, TcpProbe } from '@/lib/checker/types';

export const OPEN: OutboundPolicy = { blockPrivateTargets: false };
export const STRICT: OutboundPolicy = { blockPrivateTargets: true };

export interface TestServer {
  port: number;
  /** http(s)://127.0.0.1:port */
  origin: string;
  /** TCP connections accepted so far, to prove a refused check never connected. */
  connectionCount(): number;
  close(): Promise<void>;
}

function track(server: net.Server, origin: (port: number) => string): Promise<TestServer> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  server.on('connection', (s: net.Socket) => {
    accepted++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {}); // clients hang up abruptly on purpose
  });
  // TLS servers emit plain connections first; handshake errors are expected in TLS tests.
  server.on('tlsClientError', () => {});
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        port,
        origin: origin(port),
        connectionCount: () => accepted,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

export function startHttpServer(handler: http.RequestListener): Promise<TestServer> {
  return track(http.createServer(handler), (port) => `http://127.0.0.1:${port}`);
}

export function startHttpsServer(tls: { key: string; cert: string }, handler: http.RequestListener): Promise<TestServer> {
  return track(https.createServer(tls, handler), (port) => `https://127.0.0.1:${port}`);
}

export function startTcpServer(onConnection: (socket: net.Socket) => void): Promise<TestServer> {
  return track(net.createServer(onConnection), (port) => `tcp://127.0.0.1:${port}`);
}

/** A port that was just free on 127.0.0.1, so connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = await startTcpServer(() => {});
  await server.close();
  return server.port;
}

export function httpProbe(url: string, overrides: Partial<HttpProbe> = {}): HttpProbe {
  return {
    type: 'http',
    url,
    method: 'GET',
    headers: [],
    body: null,
    timeoutMs: 3000,
    acceptedStatusCodes: ['200-299'],
    followRedirects: true,
    maxRedirects: 5,
    keyword: null,
    keywordMode: 'present',
    keywordCaseSensitive: false,
    jsonAssertions: [],
    maxResponseTimeMs: null,
    ignoreTlsErrors: false,
    ...overrides,
  };
}

export function tcpProbe(host: string, port: number, overrides: Partial<TcpProbe> = {}): TcpProbe {
  return { type: 'tcp', host, port, timeoutMs: 3000, ...overrides };
}

/** A resolver that answers from a fixed table (never the network) and records what was asked. */
export function fakeLookup(table: Record<string, string[]>): LookupFn & { calls: string[] } {
  const calls: string[] = [];
  const fn = async (hostname: string): Promise<LookupAddress[]> => {
    calls.push(hostname);
    const found = table[hostname];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return found.map((address) => ({ address, family: net.isIP(address) }));
  };
  return Object.assign(fn, { calls });
}
