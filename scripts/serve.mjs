// Production server: Next's request handler behind a plain node:http server. It exists for
// one reason: route handlers cannot see the client's socket address, and login throttling
// needs it. The address is put in a header here, overwriting anything a client sent.
import http from 'node:http';
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
