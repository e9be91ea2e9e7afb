import { randomBytes } from 'node:crypto';

/** RFC 9562 UUIDv7: ids sort by creation time, so check history pages by id without a second key. */
export function uuidv7(now = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// 64 symbols in ASCII order, so ids compare as strings the way their bits compare as numbers.
const SORTABLE64 = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';

/**
 * A check's id: 20 characters for 48 bits of millisecond time and 72 random bits, written in an
 * alphabet that sorts like the bits, so ids still sort by time. Every check stores its id twice
 * (in its row and in its key), 20 bytes each where a UUID's text took 36. 72 random bits keep a
 * collision within one millisecond out of reach at any rate one database takes.
 */
export function checkId(now = Date.now()): string {
  const bytes = randomBytes(15);
  bytes.writeUIntBE(now, 0, 6);
  let out = '';
  for (let i = 0; i < 15; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += SORTABLE64[v >> 18] + SORTABLE64[(v >> 12) & 63] + SORTABLE64[(v >> 6) & 63] + SORTABLE64[v & 63];
  }
  return out;
}

export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
