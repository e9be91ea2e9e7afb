// An https target on loopback whose TLS handshake takes as long as the test says: each
// accepted TCP connection is handed to the TLS server only after `delayMs`, so the client's
// hello waits unanswered that long. The TCP connect itself is immediate (the kernel accepts
// it), so a check sees a slow TLS phase and nothing else slow.
import https from 'node:https';
import net from 'node:net';
import { closeServer, listenOnLoopback } from './recorder';

export interface SlowTlsServer {
  /** https://127.0.0.1:<port>/ */
  url: string;
  /** Handshakes of connections accepted from now on are held this long (0: not at all). */
  setDelay(ms: number): void;
  close(): Promise<void>;
}

export async function startSlowTlsServer(tls: { key: string; cert: string }, delayMs: number): Promise<SlowTlsServer> {
  let delay = delayMs;
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const tlsServer = https.createServer(tls, (req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  });
  tlsServer.on('tlsClientError', () => {}); // clients that give up mid-handshake
  const front = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!socket.destroyed) tlsServer.emit('connection', socket);
    }, delay);
    timers.add(timer);
  });
  const port = await listenOnLoopback(front);
  return {
    url: `https://127.0.0.1:${port}/`,
    setDelay: (ms) => {
      delay = ms;
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await closeServer(front);
      tlsServer.close();
    },
  };
}
