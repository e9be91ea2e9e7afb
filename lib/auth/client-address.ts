import { getEnv } from '@/lib/env';

/** Set by scripts/serve.mjs from the socket; any value a client sends is overwritten there. */
export const PEER_ADDRESS_HEADER = 'x-pingboard-peer-address';

/**
 * The caller's address for throttling. X-Forwarded-For counts only behind a proxy the operator
 * declared, and then only its last entry: the one that proxy appended from its own socket.
 * Earlier entries are whatever the client sent, so rotating them must gain nothing.
 */
export function clientAddress(headers: Headers): string {
  if (getEnv().TRUST_PROXY) {
    const forwarded = headers.get('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  return headers.get(PEER_ADDRESS_HEADER) ?? 'unknown';
}
