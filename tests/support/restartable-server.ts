// A loopback server the test can stop and start again on the same port: while stopped,
// connections are refused, which is what a target site that is really down (or a connectivity
// canary cut off) looks like to a check. `make` builds a fresh server for each start, since a
// closed net.Server cannot listen again.
import net from 'node:net';
import { closeServer, listenOnLoopback } from './recorder';

export interface RestartableServer {
  port: number;
  /** http://127.0.0.1:<port>/ */
  url: string;
  isUp(): boolean;
  /** Closes the server and every open connection; from now on connections are refused. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

export async function startRestartable(make: () => net.Server): Promise<RestartableServer> {
  const sockets = new Set<net.Socket>();
  const build = () => {
    const s = make();
    s.on('connection', (socket: net.Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {}); // clients hang up abruptly
    });
    return s;
  };
  let server: net.Server | null = build();
  const port = await listenOnLoopback(server);
  return {
    port,
    url: `http://127.0.0.1:${port}/`,
    isUp: () => server !== null,
    async stop() {
      if (!server) return;
      const s = server;
      server = null;
      for (const socket of sockets) socket.destroy();
      await closeServer(s);
    },
    async start() {
      if (server) return;
      const s = build();
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(port, '127.0.0.1', () => resolve());
      });
      server = s;
    },
  };
}
