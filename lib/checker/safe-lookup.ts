// The DNS hook given to http.request / net.connect as `lookup`. It resolves, then refuses if any
// address is forbidden. Because Node connects only to what this returns, the policy applies to
// the address actually connected to, which defeats DNS rebinding between check and connect.
import { promises as dns, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { ADDRESS_CLASS_LABELS, classifyAddress, isAddressAllowed, type AddressClass } from './address-policy';
import type { OutboundPolicy } from './types';

/** Resolves a host name to every address; injectable so tests never need real DNS. */
export type LookupFn = (hostname: string) => Promise<LookupAddress[]>;

export const systemLookup: LookupFn = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/**
 * The outbound policy refused an address. The message names only the class of address
 * ("Refused: private network address"), never the address: it is stored and shown to the
 * monitor's owner, and on a shared server the address a host name resolves to is the
 * operator's internal DNS. `address` and `host` stay on the error for code, not for people.
 */
export class BlockedTargetError extends Error {
  readonly code = 'ERR_BLOCKED_TARGET';
  readonly addressClass: AddressClass;
  constructor(
    readonly address: string,
    readonly host: string | null,
  ) {
    const addressClass = classifyAddress(address);
    super(`Refused: ${ADDRESS_CLASS_LABELS[addressClass]}`);
    this.name = 'BlockedTargetError';
    this.addressClass = addressClass;
  }
}

/** Throws BlockedTargetError when the address is refused by the policy. */
export function assertAddressAllowed(address: string, policy: OutboundPolicy, host: string | null = null): void {
  if (!isAddressAllowed(address, policy)) throw new BlockedTargetError(address, host);
}

/** Strips URL brackets so `[::1]` becomes a host net.connect and isIP understand. */
export function bareHost(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/**
 * Node skips the `lookup` hook for IP literals, so those are judged here, before any socket
 * exists. Returns true when the host is a literal (no DNS phase will happen).
 */
export function preflightHost(host: string, policy: OutboundPolicy): boolean {
  if (!isIP(host)) return false;
  assertAddressAllowed(host, policy);
  return true;
}

function familyFilter(options: LookupOptions): (a: LookupAddress) => boolean {
  const f = options.family;
  const want = f === 4 || f === 'IPv4' ? 4 : f === 6 || f === 'IPv6' ? 6 : 0;
  return (a) => want === 0 || a.family === want;
}

/** The answers Node may connect to; throws if there are none or any is forbidden. */
function allowedAddresses(
  hostname: string,
  found: LookupAddress[],
  options: LookupOptions,
  policy: OutboundPolicy,
): LookupAddress[] {
  const addresses = found.filter(familyFilter(options));
  if (addresses.length === 0) {
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  }
  // Every address is checked, not just the first: Node may try any of them.
  const bad = addresses.find((a) => !isAddressAllowed(a.address, policy));
  if (bad) throw new BlockedTargetError(bad.address, hostname);
  return addresses;
}

export interface LookupHooks {
  /** Called once the name resolved (or failed), for the DNS timing and the phase label. */
  onResolved?: () => void;
}

/** Builds the `lookup` option for one connection. */
export function createSafeLookup(policy: OutboundPolicy, resolve: LookupFn, hooks: LookupHooks = {}): LookupFunction {
  return (hostname, options, callback) => {
    const finish = (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => {
      hooks.onResolved?.();
      // Deferred so an exception in Node's callback is not swallowed into a rejected promise.
      process.nextTick(() => {
        if (err) return callback(err, options.all ? [] : '', undefined);
        if (options.all) return callback(null, addresses);
        callback(null, addresses[0].address, addresses[0].family);
      });
    };
    // Any failure (resolver error, sync throw, forbidden address) reaches Node's callback.
    Promise.resolve()
      .then(() => resolve(hostname))
      .then((found) => allowedAddresses(hostname, found, options, policy))
      .then(
        (addresses) => finish(null, addresses),
        (err: NodeJS.ErrnoException) => finish(err, []),
      );
  };
}
