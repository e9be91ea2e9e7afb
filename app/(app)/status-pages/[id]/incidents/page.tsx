import type { Metadata } from 'next';
import Link from 'next/link';
import { IncidentsView } from '@/components/status-pages/incidents-view';
import { statusPageIncidents } from '@/lib/page-data/status-pages';

export const metadata: Metadata = { title: 'Incidents' };
export const dynamic = 'force-dynamic';

export default async function StatusPageIncidentsPage({ params }: { params: Promise<{ id: string }> }) {
  const { page, incidents } = await statusPageIncidents((await params).id);
  return (
    <div className="mx-auto max-w-3xl">
      <nav aria-label="Breadcrumb" className="mb-2 truncate text-sm text-zinc-500 dark:text-zinc-400">
        <Link href="/status-pages" className="hover:underline">
          Status pages
        </Link>{' '}
        /{' '}
        <Link href={`/status-pages/${page.id}`} className="hover:underline">
          {page.title}
        </Link>{' '}
        / Incidents
      </nav>
      <IncidentsView page={page} initialIncidents={incidents} />
    </div>
  );
}
