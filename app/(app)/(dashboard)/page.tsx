import type { Metadata } from 'next';
import { Dashboard } from '@/components/monitors/dashboard';
import { dashboardRows } from '@/lib/page-data/monitors';

export const metadata: Metadata = { title: 'Dashboard' };
export const dynamic = 'force-dynamic';

type SearchParams = Record<string, string | string[] | undefined>;

/** The query string as the browser has it, so the first render already shows the bookmarked view. */
function toSearch(params: SearchParams): string {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) out.append(key, v);
  }
  return out.toString();
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const [{ feed, tags }, params] = await Promise.all([dashboardRows(), searchParams]);
  return <Dashboard initial={feed} initialTags={tags} initialSearch={toSearch(params)} />;
}
