// Production server: Next's request handler behind a plain node:http server. It exists for
// one reason: route handlers cannot see the client's socket address, and login throttling
// needs it. The address is put in a header here, overwriting anything a client sent.
import http from 'node:http';
import next from 'next';

const PEER_ADDRESS_HEADER = 'x-pingboard-peer-address';
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? '0.0.0.0';

const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
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
