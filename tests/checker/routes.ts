// The behaviours the checker tests need from a server, one path each.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

const CHUNK = Buffer.alloc(64 * 1024, 'x');

/** Writes as fast as the client reads, forever, until the client goes away. */
function endless(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/plain' });
  const pump = () => {
    while (!res.destroyed && res.write(CHUNK)) {
      /* keep the socket buffer full */
    }
    if (!res.destroyed) res.once('drain', pump);
  };
  pump();
}

/** Headers at once, then one byte per second. */
function drip(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.write('a');
  const timer = setInterval(() => res.write('a'), 1000);
  res.on('close', () => clearInterval(timer));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => resolve(body));
  });
}

export const JSON_DOC = { data: { status: 'ok', count: 42 }, items: [{ id: 7 }, { id: 8 }] };

export const testRoutes: RequestListener = (req, res) => {
  const url = new URL(req.url ?? '/', 'http://test');
  const p = url.pathname;
  const redirect = (code: number, location: string) => res.writeHead(code, { location }).end();

  if (p === '/ok') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('Hello, all systems Operational');
  if (p.startsWith('/status/')) return void res.writeHead(Number(p.slice(8))).end('status page');
  if (p === '/json') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(JSON_DOC));
  if (p === '/slow') {
    const timer = setTimeout(() => res.end('late'), Number(url.searchParams.get('ms') ?? 100));
    return void res.on('close', () => clearTimeout(timer));
  }
  if (p === '/echo') {
    return void readBody(req).then((body) =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ method: req.method, headers: req.headers, body, url: req.url })),
    );
  }
  if (p === '/big') return void res.writeHead(200).end(Buffer.alloc(2 * 1024 * 1024 + 10, 'y'));
  if (p === '/exact') return void res.writeHead(200).end(Buffer.alloc(1_048_576, 'z'));
  if (p === '/endless') return endless(res);
  if (p === '/drip') return drip(res);
  if (p === '/hang') return; // accept, read the request, never answer
  if (p === '/reset') return void req.socket.destroy();
  if (p === '/reset-mid-body') {
    res.writeHead(200, { 'content-length': '1000' });
    res.write('partial');
    return void setTimeout(() => req.socket.destroy(), 20);
  }
  // Redirects
  const chain = /^\/chain\/(\d+)$/.exec(p);
  if (chain) {
    const n = Number(chain[1]);
    return n <= 0 ? redirect(302, '../ok') : redirect(302, `${n - 1}`); // relative Locations
  }
  if (p === '/loop-a') return redirect(302, '/loop-b');
  if (p === '/loop-b') return redirect(302, '/loop-a');
  if (p === '/moved') return redirect(301, '/ok');
  if (p === '/moved-to-404') return redirect(301, '/status/404');
  if (p.startsWith('/code-to-echo/')) return redirect(Number(p.slice(14)), '/echo?from=redirect');
  if (p === '/to-ftp') return redirect(302, 'ftp://files.invalid/x');
  if (p === '/to') return redirect(302, url.searchParams.get('url') ?? '/ok');
  if (p === '/no-location') return void res.writeHead(302).end();
  res.writeHead(404).end('not found');
};
