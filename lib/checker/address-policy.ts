// Pure IP classification for the outbound policy. No DNS and no sockets here: callers pass the
// address they are about to connect to (from the safe lookup) or an IP literal from a URL.
import { isIP } from 'node:net';
import type { OutboundPolicy } from './types';

export type AddressClass =
  | 'public'
  | 'metadata'
  | 'link_local'
  | 'loopback'
  | 'private'
  | 'cgnat'
  | 'unique_local'
  | 'unspecified'
  | 'reserved'
  | 'invalid';

/** Refused whatever the policy says: cloud metadata endpoints live here. */
const ALWAYS_BLOCKED: ReadonlySet<AddressClass> = new Set(['metadata', 'link_local', 'invalid']);

const V4_METADATA = new Set(['169.254.169.254', '100.100.100.200']);
const V6_METADATA = new Set(['fd00:ec2:0:0:0:0:0:254']);

type Bytes = number[];

function parseV4(ip: string): Bytes {
  return ip.split('.').map(Number);
}

/** Expands any valid IPv6 text (with `::`, embedded IPv4, zone id) to 16 bytes. */
function parseV6(ip: string): Bytes {
  const noZone = ip.split('%')[0];
  const [head, tail] = noZone.includes('::') ? noZone.split('::') : [noZone, null];
  const toGroups = (part: string): number[] => {
    if (part === '') return [];
    return part.split(':').flatMap((g) => {
      if (!g.includes('.')) return [parseInt(g, 16)];
      const [a, b, c, d] = parseV4(g);
      return [(a << 8) | b, (c << 8) | d];
    });
  };
  const left = toGroups(head);
  const right = tail === null ? [] : toGroups(tail);
  const groups = [...left, ...new Array(8 - left.length - right.length).fill(0), ...right];
  return groups.flatMap((g) => [g >> 8, g & 0xff]);
}

function stripBrackets(ip: string): string {
  return ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
}

const zeros = (b: Bytes, from: number, to: number) => b.slice(from, to).every((x) => x === 0);
const invert = (b: Bytes) => b.map((x) => x ^ 0xff);

/**
 * Every IPv4 address an IPv6 address may really reach, by the standard embeddings: a network
 * that translates or tunnels the form delivers the packet to that IPv4 host, so the IPv6 form
 * is only as public as the IPv4 address inside it.
 */
function embeddedV4(b: Bytes): Bytes[] {
  // ::a.b.c.d, IPv4-compatible (deprecated, still routed by some stacks); :: and ::1 are themselves.
  if (zeros(b, 0, 12)) return [b.slice(12)];
  // ::ffff:a.b.c.d, IPv4-mapped: the form Node reports for dual-stack sockets.
  if (zeros(b, 0, 10) && b[10] === 0xff && b[11] === 0xff) return [b.slice(12)];
  // ::ffff:0:a.b.c.d, IPv4-translated (SIIT, RFC 2765).
  if (zeros(b, 0, 8) && b[8] === 0xff && b[9] === 0xff && zeros(b, 10, 12)) return [b.slice(12)];
  // 64:ff9b::/96, the NAT64 well-known prefix (RFC 6052).
  if (b[0] === 0 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(b, 4, 12)) return [b.slice(12)];
  // 64:ff9b:1::/48, local-use NAT64 (RFC 8215). The operator picks the prefix length (48, 56,
  // 64 or 96 inside it) and with it where the IPv4 address sits (RFC 6052 skips byte 8), so
  // every placement counts. A reading in 0.0.0.0/8 is skipped: it is what the zero padding of
  // the other placements reads as, and no translator delivers to it.
  if (b[0] === 0 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && b[4] === 0 && b[5] === 1) {
    const readings = [[b[6], b[7], b[9], b[10]], [b[7], b[9], b[10], b[11]], [b[9], b[10], b[11], b[12]], b.slice(12)];
    const hosts = readings.filter((r) => r[0] !== 0);
    return hosts.length > 0 ? hosts : [b.slice(12)];
  }
  // 2002::/16 6to4 relays to the IPv4 address in bits 16 to 47.
  if (b[0] === 0x20 && b[1] === 0x02) return [b.slice(2, 6)];
  // 2001::/32 Teredo: the client's IPv4 address is the last 32 bits, inverted.
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0 && b[3] === 0) return [invert(b.slice(12))];
  return [];
}

/** Most restricted first: when an address has several readings, the strictest one counts. */
const STRICTNESS: readonly AddressClass[] = [
  'invalid', 'metadata', 'link_local', 'loopback', 'private', 'cgnat', 'unique_local', 'unspecified', 'reserved', 'public',
];

function strictest(classes: AddressClass[]): AddressClass {
  return classes.reduce((a, c) => (STRICTNESS.indexOf(c) < STRICTNESS.indexOf(a) ? c : a));
}

function classifyV4([a, b]: Bytes, text: string): AddressClass {
  if (V4_METADATA.has(text)) return 'metadata';
  if (a === 169 && b === 254) return 'link_local';
  if (a === 0) return 'unspecified';
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 100 && b >= 64 && b <= 127) return 'cgnat';
  if (a >= 224) return 'reserved'; // multicast, class E, broadcast
  return 'public';
}

function classifyV6(b: Bytes): AddressClass {
  if (b.every((x) => x === 0)) return 'unspecified';
  if (zeros(b, 0, 15) && b[15] === 1) return 'loopback';
  const v4 = embeddedV4(b);
  if (v4.length > 0) return strictest(v4.map((a) => classifyV4(a, a.join('.'))));
  const groups = Array.from({ length: 8 }, (_, i) => ((b[2 * i] << 8) | b[2 * i + 1]).toString(16));
  if (V6_METADATA.has(groups.join(':'))) return 'metadata';
  if (b[0] === 0xfe && (b[1] & 0xc0) === 0x80) return 'link_local'; // fe80::/10
  if (b[0] === 0xfe && (b[1] & 0xc0) === 0xc0) return 'private'; // fec0::/10, deprecated site-local
  if ((b[0] & 0xfe) === 0xfc) return 'unique_local'; // fc00::/7
  if (b[0] === 0xff) return 'reserved'; // multicast
  return 'public';
}

/** Classifies an IPv4 or IPv6 address (brackets and zone ids allowed); anything else is 'invalid'. */
export function classifyAddress(ip: string): AddressClass {
  const text = stripBrackets(ip.trim());
  const family = isIP(text.split('%')[0]);
  if (family === 4) return classifyV4(parseV4(text), text);
  if (family === 6) return classifyV6(parseV6(text));
  return 'invalid';
}

/** One spelling per address, so an allow-list entry matches however the address was written. */
export function canonicalAddress(ip: string): string | null {
  const text = stripBrackets(ip.trim()).split('%')[0];
  const family = isIP(text);
  if (family === 4) return text;
  if (family !== 6) return null;
  const b = parseV6(text);
  const mapped = b.slice(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;
  if (mapped) return b.slice(12).join('.');
  return Array.from({ length: 8 }, (_, i) => ((b[2 * i] << 8) | b[2 * i + 1]).toString(16)).join(':');
}

/** Whether the policy lets a check connect to this address. */
export function isAddressAllowed(ip: string, policy: OutboundPolicy): boolean {
  const kind = classifyAddress(ip);
  if (ALWAYS_BLOCKED.has(kind)) return false;
  if (kind === 'public' || !policy.blockPrivateTargets) return true;
  const exempt = (policy.allowedAddresses ?? []).map(canonicalAddress);
  return exempt.includes(canonicalAddress(ip));
}

export const ADDRESS_CLASS_LABELS: Record<AddressClass, string> = {
  public: 'public address',
  metadata: 'cloud metadata address',
  link_local: 'link-local address',
  loopback: 'loopback address',
  private: 'private network address',
  cgnat: 'carrier-grade NAT address',
  unique_local: 'unique-local address',
  unspecified: 'unspecified address',
  reserved: 'reserved or multicast address',
  invalid: 'invalid address',
};

export type TargetVerdict = { allowed: true } | { allowed: false; reason: string };

function isLocalhostName(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost');
}

/**
 * Create-time check of a host name or IP literal. Only literals and `localhost` can be judged
 * without DNS; other names are checked again on every connection by the safe lookup.
 */
export function checkHostTargetAllowed(host: string, policy: OutboundPolicy): TargetVerdict {
  const bare = stripBrackets(host.trim());
  if (isIP(bare.split('%')[0])) {
    if (isAddressAllowed(bare, policy)) return { allowed: true };
    return { allowed: false, reason: `${bare} is a ${ADDRESS_CLASS_LABELS[classifyAddress(bare)]}` };
  }
  if (policy.blockPrivateTargets && isLocalhostName(bare)) {
    return { allowed: false, reason: `${bare} points to this machine (loopback)` };
  }
  return { allowed: true };
}

/** Create-time check of a monitor URL (see checkHostTargetAllowed). */
export function checkUrlTargetAllowed(url: string, policy: OutboundPolicy): TargetVerdict {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { allowed: false, reason: 'Invalid URL' };
  }
  return checkHostTargetAllowed(parsed.hostname, policy);
}
