// Production server: Next's request handler behind a plain node:http server. It exists for
// one reason: route handlers cannot see the client's socket address, and login throttling
// needs it. The address is put in a header here, overwriting anything a client sent.
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import next from 'next';

const PEER_ADDRESS_HEADER = 'x-pingboard-peer-address';
// Headers only Next itself may set. From a client they steer Next's internals:
// x-middleware-subrequest skips the proxy, x-middleware-prefetch answers `{}` without running the route.
const NEXT_INTERNAL_HEADERS = [
  'x-middleware-subrequest',
  'x-middleware-prefetch',
  'x-middleware-invoke',
  'x-invoke-path',
  'x-invoke-query',
  'x-invoke-status',
  'x-invoke-error',
  'x-invoke-output',
  'x-now-route-matches',
  'x-matched-path',
  'x-nextjs-data',
];
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? '0.0.0.0';

// The build wrote the resolved config beside it; handing it over the way Next's own standalone
// server does spares loading next.config.ts, which maps Next's SWC compiler (25 MiB resident)
// only to transpile it. Headers, rewrites and redirects come from the build's manifests either
// way; .env files, which Next reads only on its own config path, are read here as it would.
const root = path.resolve(import.meta.dirname, '..');
const builtConfig = path.join(root, process.env.NEXT_DIST_DIR || '.next', 'required-server-files.json');
if (existsSync(builtConfig) && !process.env.__NEXT_PRIVATE_STANDALONE_CONFIG) {
  const { loadEnvConfig } = createRequire(import.meta.resolve('next/package.json'))('@next/env');
  loadEnvConfig(root, false, { info() {}, error: console.error });
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(JSON.parse(readFileSync(builtConfig, 'utf8')).config);
}
const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

/** Whether every %-escape of the path decodes; Next answers a bare 500 for one that does not. */
function decodablePath(url) {
  try {
    decodeURIComponent((url ?? '/').split('?')[0]);
    return true;
  } catch {
    return false;
  }
}

const server = http.createServer((req, res) => {
  if (!decodablePath(req.url)) {
    res.writeHead(400, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end('{"error":{"code":"bad_request","message":"The request path has a malformed percent-encoding"}}');
    return;
  }
  for (const name of NEXT_INTERNAL_HEADERS) delete req.headers[name];
  req.headers[PEER_ADDRESS_HEADER] = req.socket.remoteAddress ?? 'unknown';
  handle(req, res).catch((err) => {
    console.error(err);
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
    res.end('{"error":{"code":"internal_error","message":"Internal server error"}}');
  });
});
server.headersTimeout = 20_000;
server.requestTimeout = 30_000;
server.listen(port, hostname, () => {
  console.log(`Pingboard listening on http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${port}`);
});
