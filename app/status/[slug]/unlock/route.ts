import { unlockPublicStatus } from '@/lib/api/public-status';

export const dynamic = 'force-dynamic';

export async function POST(req: Request, ctx: { params: Promise<{ slug: string }> }) {
  return unlockPublicStatus(req, (await ctx.params).slug);
}
