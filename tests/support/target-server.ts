import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A target site on loopback whose answer the test controls, counting every hit.

export interface TargetServer {
  url: string;
  hits: number[];
  setStatus(code: number): void;
  close(): Promise<void>;
}

export async function startTarget(initialStatus = 200): Promise<TargetServer> {
  let status = initialStatus;
  const hits: number[] = [];
  const server = http.createServer((req, res) => {
    hits.push(Date.now());
    req.resume();
    res.writeHead(status, { 'content-type': 'text/plain' });
    res.end(status < 400 ? 'ok' : 'failing');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    hits,
    setStatus: (code) => {
      status = code;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
