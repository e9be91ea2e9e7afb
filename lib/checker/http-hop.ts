// One HTTP request on a fresh socket (agent: false): connect through the safe lookup, send,
// read the head and at most MAX_BODY_BYTES of body, then destroy the socket on every path.
// TLS is verified here rather than by Node (rejectUnauthorized: false), because a socket Node
// rejects is destroyed before its certificate can be read, and an expired certificate's date
// is exactly what the certificate alerts need.
import http, { STATUS_CODES, type ClientRequest, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { checkServerIdentity, type TLSSocket } from 'node:tls';
import { CheckFailure, tlsErrorMessage } from './causes';
import type { CheckContext } from './context';
import { onDeadline } from './deadline';
import type { HopRequest } from './redirects';
import { bareHost, createSafeLookup, preflightHost } from './safe-lookup';
import type { PhaseMarks } from './timings';
import { readCertificate } from './tls-info';
import type { TlsCertificateInfo } from './types';

export const MAX_BODY_BYTES = 1_048_576;

/** skip: a redirect we will follow; count: size only; keep: keyword/JSON need the text. */
export type BodyMode = 'skip' | 'count' | 'keep';

export interface HopResult {
  statusCode: number;
  statusMessage: string;
  location: string | null;
  /** Decoded body, only in 'keep' mode; at most MAX_BODY_BYTES. */
  body: string | null;
  truncated: boolean;
  tls: TlsCertificateInfo | null;
}

/** Certificate verification failed; carries the certificate so its expiry is still recorded. */
export class CertificateRejectedError extends CheckFailure {
  constructor(
    readonly code: string,
    readonly certificate: TlsCertificateInfo | null,
  ) {
    super('tls_error', tlsErrorMessage(code));
    this.name = 'CertificateRejectedError';
  }
}

/**
 * The verification error code of a secured socket, or null when the certificate is trusted and
 * names `host`. Node still verifies the chain under rejectUnauthorized: false and records the
 * first failure in authorizationError; the host name is checked again here because Node skips
 * that check on resumed sessions, and this is the security boundary.
 */
function verificationError(socket: TLSSocket, host: string): string | null {
  if (!socket.authorized) {
    const reason = socket.authorizationError as unknown;
    if (reason instanceof Error) return (reason as NodeJS.ErrnoException).code ?? reason.message;
    return typeof reason === 'string' && reason ? reason : 'UNABLE_TO_VERIFY_LEAF_SIGNATURE';
  }
  const mismatch = checkServerIdentity(host, socket.getPeerCertificate());
  return mismatch ? ((mismatch as NodeJS.ErrnoException).code ?? 'ERR_TLS_CERT_ALTNAME_INVALID') : null;
}

export interface HopOptions {
  request: HopRequest;
  /** Refuse an unverified certificate (the probe's ignoreTlsErrors is off). */
  rejectUnauthorized: boolean;
  bodyMode: (statusCode: number, location: string | null) => BodyMode;
}

const METHODS_WITHOUT_BODY = new Set(['GET', 'HEAD']);

/** Sends one request; fills `marks` as phases complete so a failure still has partial timings. */
export function sendHop(opts: HopOptions, ctx: CheckContext, marks: PhaseMarks): Promise<HopResult> {
  const { request, bodyMode } = opts;
  const { deadline, now } = ctx;
  return new Promise<HopResult>((resolve, reject) => {
    let settled = false;
    let req: ClientRequest | null = null;
    let unsubscribe = () => {};
    const close = () => {
      settled = true;
      unsubscribe();
      req?.destroy(); // also destroys the socket and any half-read response
    };
    const fail = (err: Error) => {
      if (settled) return;
      close();
      reject(err);
    };
    const succeed = (result: HopResult) => {
      if (settled) return;
      marks.end = now();
      close();
      resolve(result);
    };

    if (deadline.signal.aborted) return fail(deadline.signal.reason as Error);
    const secure = request.url.protocol === 'https:';
    let tls: TlsCertificateInfo | null = null;
    const host = bareHost(request.url.hostname);
    const sendsBody = request.body !== null && !METHODS_WITHOUT_BODY.has(request.method);
    // Node frames a body with Content-Length or chunked only for methods it expects a body on;
    // a DELETE or OPTIONS body went out unframed and the server read it as the next request.
    const headers = sendsBody ? { ...request.headers, 'Content-Length': String(Buffer.byteLength(request.body!)) } : request.headers;
    try {
      const literal = preflightHost(host, ctx.policy);
      deadline.phase = literal ? 'connecting' : 'resolving DNS';
      const lookup = createSafeLookup(ctx.policy, ctx.resolve, {
        onResolved: () => {
          marks.dnsEnd = now();
          deadline.phase = 'connecting';
        },
      });
      const options: https.RequestOptions = {
        hostname: host,
        port: request.url.port ? Number(request.url.port) : undefined,
        path: `${request.url.pathname}${request.url.search}`,
        method: request.method,
        headers,
        agent: false,
        lookup,
        // Verified in the secureConnect handler below, after the certificate was read.
        rejectUnauthorized: false,
      };
      req = secure ? https.request(options) : http.request(options);
    } catch (err) {
      return fail(err instanceof Error ? err : new Error(String(err)));
    }

    const sendRequest = () => {
      if (sendsBody) req!.end(request.body);
      else req!.end();
    };

    unsubscribe = onDeadline(deadline.signal, fail);
    req.on('error', fail);
    req.once('socket', (socket) => {
      socket.once('connect', () => {
        marks.connected = now();
        deadline.phase = secure ? 'TLS handshake' : 'waiting for response';
      });
      socket.once('secureConnect', () => {
        marks.secured = now();
        tls = readCertificate(socket as TLSSocket);
        const rejected = opts.rejectUnauthorized ? verificationError(socket as TLSSocket, host) : null;
        // Nothing (headers, body, credentials) has been written yet: refuse before sending.
        if (rejected) return fail(new CertificateRejectedError(rejected, tls));
        deadline.phase = 'waiting for response';
        sendRequest();
      });
    });
    req.once('response', (res: IncomingMessage) => {
      marks.firstByte = now();
      deadline.phase = 'reading body';
      const statusCode = res.statusCode ?? 0;
      const location = typeof res.headers.location === 'string' ? res.headers.location : null;
      const mode = bodyMode(statusCode, location);
      const head = { statusCode, statusMessage: res.statusMessage || STATUS_CODES[statusCode] || '', location, tls };
      if (mode === 'skip') return succeed({ ...head, body: null, truncated: false });

      const chunks: Buffer[] = [];
      let bytes = 0;
      const done = (truncated: boolean) => {
        const body = mode === 'keep' ? Buffer.concat(chunks).toString('utf8') : null;
        succeed({ ...head, body, truncated }); // chunks are dropped with this closure
      };
      res.on('data', (chunk: Buffer) => {
        const room = MAX_BODY_BYTES - bytes;
        bytes += chunk.length;
        if (mode === 'keep' && room > 0) chunks.push(chunk.length <= room ? chunk : chunk.subarray(0, room));
        if (bytes > MAX_BODY_BYTES) done(true); // stop reading: the socket is destroyed
      });
      res.once('end', () => done(false));
      res.on('error', fail);
      res.once('close', () => {
        if (!res.complete) fail(new CheckFailure('connection_reset', 'Connection closed before the response body was complete'));
      });
    });

    // An https request is sent only once its certificate passed (see secureConnect above).
    if (!secure) sendRequest();
  });
}
