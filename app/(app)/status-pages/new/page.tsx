import type { Metadata } from 'next';
import Link from 'next/link';
import { StatusPageForm } from '@/components/status-pages/status-page-form';
import { Card } from '@/components/ui/card';
import { newStatusPageData } from '@/lib/page-data/status-pages';

export const metadata: Metadata = { title: 'New status page' };
export const dynamic = 'force-dynamic';

export default async function NewStatusPagePage() {
  // newStatusPageData() checks the session first, like every page-data loader.
  const { monitors, origin } = await newStatusPageData();
  return (
    <div className="mx-auto max-w-3xl">
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-zinc-500 dark:text-zinc-400">
        <Link href="/status-pages" className="hover:underline">
          Status pages
        </Link>{' '}
        / New
      </nav>
      <h1 className="mb-4 text-xl font-semibold tracking-tight">New status page</h1>
      <Card className="p-5">
        <StatusPageForm monitors={monitors} origin={origin} />
      </Card>
    </div>
  );
}
