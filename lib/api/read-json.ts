import { ApiError } from '@/lib/api/errors';

/** Large enough for a monitor with a 64 KiB request body and its headers, small enough to refuse abuse at once. */
export const MAX_JSON_BODY_BYTES = 256 * 1024;

/**
 * Reads a JSON body with a hard size cap. The declared length is checked first and the
 * stream is cancelled the moment it passes the cap, so a 10 MB upload costs nothing.
 */
export async function readJsonBody(req: Request, maxBytes = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const tooLarge = () => new ApiError('payload_too_large', `Request body must be at most ${maxBytes} bytes`);
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!req.body) throw new ApiError('invalid_json', 'Request body must be a JSON object');

  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw new ApiError('invalid_json', 'Request body must be a JSON object');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError('invalid_json', 'Request body is not valid JSON');
  }
}
