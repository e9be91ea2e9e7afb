import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SWAGGER_UI_VERSION } from '@/app/(app)/api-reference/swagger-ui';

// The API reference's renderer (swagger-ui-dist), served by the app itself from the installed
// package, so the page needs no CDN and its files always match the version in the lockfile.
// Read from node_modules on demand rather than copied into public/ by an install script: no
// generated files to keep in step or ignore. Only the three files the page loads are served;
// they are the library's public code, so no session is needed to read them (the proxy still
// sends visitors without one to /login).

const FILES: Record<string, string> = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
  'LICENSE': 'text/plain; charset=utf-8',
};

const DIR = path.join(process.cwd(), 'node_modules', 'swagger-ui-dist');

export async function GET(req: Request, ctx: { params: Promise<{ file: string }> }): Promise<Response> {
  const { file } = await ctx.params;
  const type = Object.hasOwn(FILES, file) ? FILES[file] : undefined;
  if (!type) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
  const body = await readFile(path.join(DIR, file));
  // The page asks for ?v=<version>, so a new version is a new URL and the old one can be kept for good.
  const versioned = new URL(req.url).searchParams.get('v') === SWAGGER_UI_VERSION;
  return new Response(new Uint8Array(body), {
    headers: {
      'content-type': type,
      'cache-control': versioned ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    },
  });
}
