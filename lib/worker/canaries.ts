import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

// Connectivity canaries: places the operator says Pingboard must always reach
// (CONNECTIVITY_CANARIES). When they all fail with a check, the failure is Pingboard's own
// network, not the target. They are operator-configured, so they are probed directly: no outbound
// address policy (a loopback canary is legitimate), no redirects, any HTTP answer counts.

export type Canary = { kind: 'tcp'; host: string; port: number; label: string } | { kind: 'http'; url: string; label: string };

const DEFAULT_TIMEOUT_MS = 2000;
const HOST_PORT = /^(?:\[([0-9a-fA-F:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/;

function parseEntry(entry: string): Canary | null {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(entry)) {
    if (!URL.canParse(entry)) return null;
    const url = new URL(entry);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return null;
    // The label goes to logs: never with credentials in it.
    const label = new URL(url);
    label.username = '';
    label.password = '';
    return { kind: 'http', url: url.href, label: label.href };
  }
  const m = HOST_PORT.exec(entry);
  if (!m) return null;
  const host = m[1] ?? m[2];
  const port = Number(m[3]);
  if (port < 1 || port > 65_535 || (m[1] !== undefined && !net.isIPv6(host))) return null;
  return { kind: 'tcp', host, port, label: entry };
}

/** Parses CONNECTIVITY_CANARIES: comma-separated, whitespace trimmed, empties skipped. host:port (IPv6 as [::1]:443, host stored bare) or http(s) URLs. */
export function parseCanaries(value: string): Canary[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const canary = parseEntry(entry);
      if (!canary) throw new Error(`CONNECTIVITY_CANARIES: "${entry}" is neither host:port (IPv6 as [::1]:443) nor an http(s) URL`);
      return canary;
    });
}

/** Settles once: with `start`'s verdict, or false after timeoutMs; `start` returns how to tear its socket down. */
function attempt(timeoutMs: number, start: (done: (ok: boolean) => void) => () => void): Promise<boolean> {
  return new Promise((resolve) => {
    let settled = false;
    let teardown = () => {};
    const done = (ok: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      teardown();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    try {
      teardown = start(done);
    } catch {
      done(false);
    }
    if (settled) teardown();
  });
}

/** true when reachable within timeoutMs: a TCP connection opens, or a URL gives any HTTP answer. Never throws. */
export function probeCanary(c: Canary, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<boolean> {
  if (c.kind === 'tcp') {
    return attempt(timeoutMs, (done) => {
      const socket = net.connect({ host: c.host, port: c.port });
      socket.once('connect', () => done(true));
      socket.on('error', () => done(false));
      return () => socket.destroy();
    });
  }
  return attempt(timeoutMs, (done) => {
    const client = c.url.startsWith('https:') ? https : http;
    // A fresh connection each time (agent: false): a pooled keep-alive socket proves nothing about now.
    const req = client.request(c.url, { method: 'HEAD', agent: false });
    req.on('response', (res) => {
      res.resume();
      done(true);
    });
    req.on('error', () => done(false));
    req.end();
    return () => req.destroy();
  });
}
