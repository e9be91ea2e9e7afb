// Loopback target servers for the engine benches, run as a separate process so their work and
// their sockets never count against the process being measured. Prints one JSON line with the
// ports, then serves until stdin closes.
//   hanging: N HTTP servers that read the request and never answer
//   silent:  a TCP server that accepts and never sends a byte
//   reset:   a TCP server that resets every connection
//   slow:    HTTP headers at once, then a byte a second, forever
//   healthy: HTTP 200 "ok" at once
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

const HANGING_SERVERS = Number(process.env.HANGING_SERVERS ?? 10);

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', 1024, () => resolve((server.address() as AddressInfo).port)));
}

function quiet(server: net.Server): net.Server {
  server.on('connection', (s: net.Socket) => s.on('error', () => {}));
  return server;
}

const hanging = await Promise.all(
  Array.from({ length: HANGING_SERVERS }, () => {
    const server = http.createServer((req) => req.resume());
    server.headersTimeout = 0;
    server.requestTimeout = 0;
    server.keepAliveTimeout = 0;
    return listen(quiet(server));
  }),
);
const silent = await listen(quiet(net.createServer((s) => s.resume())));
const reset = await listen(quiet(net.createServer((s) => s.resetAndDestroy())));
const slowServer = http.createServer((req, res) => {
  req.resume();
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.write('a');
  const timer = setInterval(() => res.write('a'), 1000);
  res.on('close', () => clearInterval(timer));
});
slowServer.requestTimeout = 0;
const slow = await listen(quiet(slowServer));
const healthyServer = http.createServer((req, res) => {
  req.resume();
  res.writeHead(200, { 'content-type': 'text/plain', connection: 'close' }).end('ok');
});
const healthy = await listen(quiet(healthyServer));
// A port that was free a moment ago: connections to it are refused.
const probe = net.createServer();
const refused = await listen(probe);
await new Promise<void>((r) => probe.close(() => r()));

console.log(JSON.stringify({ hanging, silent, reset, slow, healthy, refused }));
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
