// Turns whatever a check threw (Node socket/DNS/TLS errors, our own errors) into one of the
// fixed failure causes plus a short message a person can act on.
import type { FailureCause } from './types';

export interface Failure {
  cause: FailureCause;
  message: string;
}

/** An error that already knows its cause (redirect problems, bad URLs, oversized bodies). */
export class CheckFailure extends Error {
  constructor(
    readonly cause: FailureCause,
    message: string,
  ) {
    super(message);
    this.name = 'CheckFailure';
  }
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME', 'ENODATA', 'ESERVFAIL']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);
const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL']);

/** OpenSSL / Node certificate verification codes → readable reason. */
const TLS_REASONS: Record<string, string> = {
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in chain',
  ERR_TLS_CERT_ALTNAME_INVALID: 'hostname mismatch',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'untrusted certificate (unable to verify issuer)',
  UNABLE_TO_GET_ISSUER_CERT: 'untrusted certificate (issuer unknown)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'untrusted certificate (issuer unknown)',
  CERT_UNTRUSTED: 'untrusted certificate',
  CERT_REVOKED: 'certificate has been revoked',
  CERT_SIGNATURE_FAILURE: 'invalid certificate signature',
  INVALID_CA: 'invalid CA certificate',
  CERT_CHAIN_TOO_LONG: 'certificate chain too long',
};

/** "TLS error: certificate has expired" for a certificate verification code. */
export function tlsErrorMessage(code: string): string {
  return `TLS error: ${TLS_REASONS[code] ?? `certificate rejected (${code})`}`;
}

function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  const { code } = err as { code: unknown };
  return typeof code === 'string' ? code : undefined;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Maps any thrown value to a failure; unknown errors become network_error with their message. */
export function describeError(err: unknown): Failure {
  if (err instanceof CheckFailure) return { cause: err.cause, message: err.message };
  const code = errorCode(err);
  const message = errorMessage(err);
  if (code === 'ERR_BLOCKED_TARGET') return { cause: 'blocked_target', message };
  if (code === 'ERR_CHECK_TIMEOUT' || code === 'ETIMEDOUT') return { cause: 'timeout', message };
  if (code === undefined) return { cause: 'network_error', message };

  if (DNS_CODES.has(code)) {
    const host = /(?:ENOTFOUND|EAI_AGAIN|EAI_FAIL|ENODATA) (\S+)/.exec(message)?.[1];
    const temporary = code === 'EAI_AGAIN' ? ' (temporary DNS failure)' : '';
    return { cause: 'dns_failure', message: `DNS lookup failed${host ? ` for ${host}` : ''}${temporary}` };
  }
  if (code === 'ECONNREFUSED') return { cause: 'connection_refused', message: 'Connection refused' };
  if (RESET_CODES.has(code)) {
    const detail = message === 'socket hang up' ? ' (socket hang up)' : '';
    return { cause: 'connection_reset', message: `Connection reset by server${detail}` };
  }
  if (UNREACHABLE_CODES.has(code)) return { cause: 'network_error', message: `Network unreachable (${code})` };
  if (code in TLS_REASONS) return { cause: 'tls_error', message: tlsErrorMessage(code) };
  if (code.startsWith('ERR_SSL_') || code === 'EPROTO' || code.startsWith('ERR_TLS_')) {
    return { cause: 'tls_error', message: `TLS handshake failed: ${message}` };
  }
  if (code.startsWith('HPE_')) return { cause: 'network_error', message: `Invalid HTTP response: ${message}` };
  if (code === 'ERR_INVALID_HTTP_TOKEN' || code === 'ERR_INVALID_CHAR' || code === 'ERR_HTTP_INVALID_HEADER_VALUE') {
    return { cause: 'network_error', message: `Invalid request: ${message}` };
  }
  return { cause: 'network_error', message: `${message} (${code})` };
}
