import { serveBadge } from '@/lib/api/badges';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, ctx: { params: Promise<{ key: string }> }) {
  return serveBadge(req, (await ctx.params).key, 'uptime');
}
