// The HTTP client of the notification providers. Every hop passes the same outbound policy as
// the checks: the URL's host is judged before connecting and every resolved address at connect
// time (the safe lookup), so a webhook cannot reach cloud metadata, nor private networks when
// BLOCK_PRIVATE_TARGETS is on. One deadline covers the whole request, redirects included; the
// body is capped; every socket is destroyed; failures come back as DeliveryError.
import http, { type ClientRequest, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { checkUrlTargetAllowed } from '@/lib/checker/address-policy';
import { bareHost, createSafeLookup, preflightHost, systemLookup, type LookupFn } from '@/lib/checker/safe-lookup';
import type { OutboundPolicy } from '@/lib/checker/types';
import { DeliveryError, type HttpRequest, type HttpResponse, type OutboundHttp } from './channel-types';
import { createRedactor, networkFailure, refusedError, statusFailure } from './http-failures';

export const MAX_RESPONSE_BYTES = 64 * 1024;
export const MAX_PROVIDER_REDIRECTS = 3;
/** Operator-configured endpoints may be on a private network; metadata stays refused (the policy's floor). */
const TRUSTED_POLICY: OutboundPolicy = { blockPrivateTargets: false };
/** Headers that may follow a redirect to another origin; credentials and custom headers stay behind. */
const CROSS_ORIGIN_KEPT = new Set(['content-type', 'user-agent', 'accept', 'x-pingboard-event-id', 'idempotency-key', 'x-pingboard-signature']);

export interface OutboundHttpOptions {
  policy: OutboundPolicy;
  /** One deadline for the whole request, redirects included. */
  timeoutMs?: number;
  /** DNS for the safe lookup; tests pass a fake so no real resolver is asked. */
  lookup?: LookupFn;
}

interface Hop {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

function parseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DeliveryError('Invalid URL', true);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new DeliveryError(`Unsupported URL scheme ${url.protocol}`, true);
  return url;
}

/** The policy's verdict on the URL's host before any socket exists (IP literals and localhost). */
function assertUrlAllowed(url: URL, policy: OutboundPolicy): void {
  if (checkUrlTargetAllowed(url.href, policy).allowed) return;
  const host = bareHost(url.hostname);
  throw refusedError(isIP(host) ? host : null);
}

/** One request on a fresh socket; resolves with the status, headers and at most MAX_RESPONSE_BYTES of body. */
function exchange(hop: Hop, policy: OutboundPolicy, lookup: LookupFn, signal: AbortSignal): Promise<HttpResponse> {
  return new Promise<HttpResponse>((resolve, reject) => {
    let req: ClientRequest | null = null;
    let settled = false;
    const finish = (err: unknown, res?: HttpResponse) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      req?.destroy();
      if (err) reject(err);
      else resolve(res!);
    };
    const onAbort = () => finish(signal.reason);
    if (signal.aborted) return finish(signal.reason);
    signal.addEventListener('abort', onAbort);

    const host = bareHost(hop.url.hostname);
    try {
      preflightHost(host, policy); // Node skips the lookup hook for IP literals
      const headers = hop.body === undefined ? hop.headers : { ...hop.headers, 'Content-Length': String(Buffer.byteLength(hop.body)) };
      const options: https.RequestOptions = {
        hostname: host,
        port: hop.url.port ? Number(hop.url.port) : undefined,
        path: `${hop.url.pathname}${hop.url.search}`,
        method: hop.method,
        headers,
        agent: false,
        lookup: createSafeLookup(policy, lookup),
      };
      req = hop.url.protocol === 'https:' ? https.request(options) : http.request(options);
    } catch (err) {
      return finish(err);
    }
    req.on('error', (err) => finish(err));
    req.once('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      const done = () => {
        const body = Buffer.concat(chunks).toString('utf8');
        finish(null, { status: res.statusCode ?? 0, headers: res.headers, body });
      };
      res.on('data', (chunk: Buffer) => {
        const room = MAX_RESPONSE_BYTES - bytes;
        if (room > 0) chunks.push(chunk.length <= room ? chunk : chunk.subarray(0, room));
        bytes += chunk.length;
        if (bytes >= MAX_RESPONSE_BYTES) done(); // enough: the socket is destroyed
      });
      res.once('end', done);
      res.on('error', (err) => finish(err));
      res.once('close', () => {
        if (!res.complete) finish(Object.assign(new Error('Connection closed mid-response'), { code: 'ECONNRESET' }));
      });
    });
    req.end(hop.body);
  });
}

/** The next hop of a 307/308: same method and body; another origin gets only the harmless headers. */
function nextHop(hop: Hop, location: string | undefined): Hop {
  if (!location) throw new DeliveryError('Redirect without a Location header', true);
  let url: URL;
  try {
    url = new URL(location, hop.url);
  } catch {
    throw new DeliveryError('Redirect to an invalid URL', true);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new DeliveryError(`Redirect to unsupported scheme ${url.protocol}`, true);
  url.hash = '';
  const headers =
    url.origin === hop.url.origin
      ? hop.headers
      : Object.fromEntries(Object.entries(hop.headers).filter(([name]) => CROSS_ORIGIN_KEPT.has(name.toLowerCase())));
  return { ...hop, url, headers };
}

export function createOutboundHttp({ policy, timeoutMs = 10_000, lookup = systemLookup }: OutboundHttpOptions): OutboundHttp {
  return async (req: HttpRequest): Promise<HttpResponse> => {
    const effective = req.trusted ? TRUSTED_POLICY : policy;
    const first = parseUrl(req.url);
    const redact = createRedactor(first, req.secrets);
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(Object.assign(new Error('deadline'), { code: 'ETIMEDOUT_DEADLINE' })),
      timeoutMs,
    );
    let hop: Hop = { url: first, method: req.method ?? 'POST', headers: req.headers ?? {}, body: req.body };
    try {
      for (let redirects = 0; ; redirects++) {
        assertUrlAllowed(hop.url, effective);
        let res: HttpResponse;
        try {
          res = await exchange(hop, effective, lookup, controller.signal);
        } catch (err) {
          throw networkFailure(err, hop.url, timeoutMs, redact);
        }
        if (res.status === 307 || res.status === 308) {
          if (redirects >= MAX_PROVIDER_REDIRECTS) throw new DeliveryError(`Too many redirects (more than ${MAX_PROVIDER_REDIRECTS})`, true, res.status);
          const location = res.headers.location;
          hop = nextHop(hop, Array.isArray(location) ? location[0] : location);
          continue;
        }
        if (res.status >= 300 && res.status < 400) {
          // 301/302/303 would turn the POST into a GET and lose the message: the URL needs updating.
          throw new DeliveryError(`${hop.url.origin} answered HTTP ${res.status} (a redirect that drops the message); update the URL`, true, res.status);
        }
        const failure = statusFailure(res.status, hop.url.origin, res, redact);
        if (failure) throw failure;
        return res;
      }
    } finally {
      clearTimeout(timer);
    }
  };
}
