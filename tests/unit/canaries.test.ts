import { afterEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import net from 'node:net';
import { parseCanaries, probeCanary } from '@/lib/worker/canaries';
import { closeServer, listenOnLoopback } from '../support/recorder';

// Parsing CONNECTIVITY_CANARIES, and probing canaries that are real loopback servers the test
// starts and stops.

describe('parseCanaries', () => {
  it('reads host:port, bracketed IPv6 and http(s) URLs, trimming and skipping empties', () => {
    expect(parseCanaries(' example.com:443 , ,127.0.0.1:53,[::1]:8443 ,https://status.example.org/ping?x=1, http://10.0.0.1:8080 ,')).toEqual([
      { kind: 'tcp', host: 'example.com', port: 443, label: 'example.com:443' },
      { kind: 'tcp', host: '127.0.0.1', port: 53, label: '127.0.0.1:53' },
      { kind: 'tcp', host: '::1', port: 8443, label: '[::1]:8443' },
      { kind: 'http', url: 'https://status.example.org/ping?x=1', label: 'https://status.example.org/ping?x=1' },
      { kind: 'http', url: 'http://10.0.0.1:8080/', label: 'http://10.0.0.1:8080/' },
    ]);
  });

  it('gives no canaries for an empty setting (the guard is off)', () => {
    expect(parseCanaries('')).toEqual([]);
    expect(parseCanaries(' , , ')).toEqual([]);
  });

  it('keeps credentials in the URL it probes but not in the label it logs', () => {
    expect(parseCanaries('https://user:secret@example.com/')).toEqual([{ kind: 'http', url: 'https://user:secret@example.com/', label: 'https://example.com/' }]);
  });

  it.each([
    ['example.com', 'no port'],
    ['example.com:0', 'port 0'],
    ['example.com:65536', 'port out of range'],
    ['example.com:https', 'named port'],
    ['::1:443', 'IPv6 without brackets'],
    ['[not-ipv6]:443', 'brackets around a name'],
    ['ftp://example.com/', 'another scheme'],
    ['http://', 'a URL without a host'],
    ['exa mple.com:80', 'a space in the host'],
    ['example.com:80/path', 'a path without a scheme'],
  ])('rejects %s (%s), naming the setting and the entry', (entry) => {
    expect(() => parseCanaries(`example.org:443, ${entry}`)).toThrow(new RegExp(`CONNECTIVITY_CANARIES: "${entry.replace(/[[\]/.:]/g, '\\$&')}"`));
  });
});

describe('probeCanary', () => {
  const servers: (net.Server | http.Server)[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).filter((s) => s.listening).map((s) => closeServer(s)));
  });

  async function listen<S extends net.Server | http.Server>(server: S): Promise<number> {
    servers.push(server);
    return listenOnLoopback(server);
  }

  /** A loopback port nothing listens on: refused at once. */
  async function closedPort(): Promise<number> {
    const server = net.createServer();
    const port = await listenOnLoopback(server);
    await closeServer(server);
    return port;
  }

  it('tcp: true when a connection opens, false quickly when the port is closed', async () => {
    const server = net.createServer((s) => s.destroy());
    const port = await listen(server);
    expect(await probeCanary({ kind: 'tcp', host: '127.0.0.1', port, label: 'up' })).toBe(true);
    await closeServer(server);
    const started = Date.now();
    expect(await probeCanary({ kind: 'tcp', host: '127.0.0.1', port, label: 'down' }, 1500)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('tcp: false for a name that does not resolve', async () => {
    expect(await probeCanary({ kind: 'tcp', host: 'no-such-host.invalid', port: 443, label: 'dns' }, 1500)).toBe(false);
  });

  it('http: any answer counts, an error status or a redirect included, and the redirect is not followed', async () => {
    const hits: string[] = [];
    const server = http.createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`);
      if (req.url === '/moved') res.writeHead(302, { location: '/elsewhere' }).end();
      else res.writeHead(503).end('down for maintenance');
    });
    const port = await listen(server);
    expect(await probeCanary({ kind: 'http', url: `http://127.0.0.1:${port}/health`, label: '503' })).toBe(true);
    expect(await probeCanary({ kind: 'http', url: `http://127.0.0.1:${port}/moved`, label: '302' })).toBe(true);
    expect(hits).toEqual(['HEAD /health', 'HEAD /moved']);
  });

  it('http: false when the port is closed', async () => {
    const port = await closedPort();
    expect(await probeCanary({ kind: 'http', url: `http://127.0.0.1:${port}/`, label: 'closed' })).toBe(false);
  });

  it('http: false when the server accepts but never answers within the timeout', async () => {
    const silent = net.createServer((s) => s.resume()); // reads the request, says nothing
    const port = await listen(silent);
    const started = Date.now();
    expect(await probeCanary({ kind: 'http', url: `http://127.0.0.1:${port}/`, label: 'silent' }, 200)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('https: false when TLS cannot be set up (a plain HTTP server on the port)', async () => {
    const port = await listen(http.createServer((_req, res) => res.end('plain')));
    expect(await probeCanary({ kind: 'http', url: `https://127.0.0.1:${port}/`, label: 'tls' }, 1500)).toBe(false);
  });
});
