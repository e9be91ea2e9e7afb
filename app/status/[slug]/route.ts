import { servePublicStatus } from '@/lib/api/public-status';

// The public status page, rendered on the server as plain HTML (no scripts), so it is served
// by a route handler that controls its own caching and security headers.
export const dynamic = 'force-dynamic';

export async function GET(req: Request, ctx: { params: Promise<{ slug: string }> }) {
  return servePublicStatus(req, (await ctx.params).slug, 'html');
}
