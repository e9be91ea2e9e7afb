import type { Metadata } from 'next';
import { StatusPagesList } from '@/components/status-pages/status-pages-list';
import { statusPagesList } from '@/lib/page-data/status-pages';

export const metadata: Metadata = { title: 'Status pages' };
export const dynamic = 'force-dynamic';

export default async function StatusPagesPage() {
  return <StatusPagesList pages={await statusPagesList()} />;
}
