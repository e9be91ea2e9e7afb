import { ApiError } from '@/lib/api/errors';

/** Large enough for a monitor with a 64 KiB request body and its headers, small enough to refuse abuse at once. */
export const MAX_JSON_BODY_BYTES = 256 * 1024;

/** Past this, a refused upload is cut off rather than read to its end. */
const DRAIN_LIMIT_BYTES = 32 * 1024 * 1024;

/**
 * Reads a refused body to its end in the background, discarding it, so the connection closes
 * cleanly after the answer: a server that stops reading an upload it has answered makes the
 * kernel reset the connection, and the client may lose the answer with it. Bounded, so a
 * bottomless upload is still cut off.
 */
function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>, alreadyRead = 0): void {
  void (async () => {
    let size = alreadyRead;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      size += value.byteLength;
      if (size > DRAIN_LIMIT_BYTES) {
        await reader.cancel();
        return;
      }
    }
  })().catch(() => undefined);
}

/**
 * Reads a JSON body with a hard size cap. The declared length is checked first, and the answer
 * comes the moment the cap is passed; the rest of the upload is discarded unread.
 */
export async function readJsonBody(req: Request, maxBytes = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const text = await readBodyText(req, maxBytes, 'Request body must be a JSON object');
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw new ApiError('invalid_json', 'Request body is not valid JSON');
  }
  const nul = nulPath(body, []);
  if (nul) throw new ApiError('validation_failed', 'Request validation failed', [{ path: nul, message: 'Text must not contain NUL characters' }]);
  return body;
}

/** A body as UTF-8 text with the same hard size cap (for uploads that are not JSON, such as an imported YAML file). */
export async function readBodyText(req: Request, maxBytes: number, emptyMessage = 'Request body is empty'): Promise<string> {
  const tooLarge = () => new ApiError('payload_too_large', `Request body must be at most ${maxBytes} bytes`);
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    if (req.body) discardRest(req.body.getReader());
    throw tooLarge();
  }
  if (!req.body) throw new ApiError('invalid_json', emptyMessage);

  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      discardRest(reader, size);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw new ApiError('invalid_json', emptyMessage);
  return text;
}

/**
 * Where a NUL character hides in a parsed body (a string or a key), if anywhere. No field of
 * ours needs one, PostgreSQL refuses to store one, and SQLite would cut text at it, so it is
 * refused at the door, naming the field.
 */
function nulPath(value: unknown, path: (string | number)[]): (string | number)[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) return [...path, k];
      const found = nulPath(v, [...path, k]);
      if (found) return found;
    }
  }
  return null;
}
