import { servePublicStatus } from '@/lib/api/public-status';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, ctx: { params: Promise<{ slug: string }> }) {
  return servePublicStatus(req, (await ctx.params).slug, 'json');
}
