import type { Metadata } from 'next';
import Link from 'next/link';
import { StatusPageForm } from '@/components/status-pages/status-page-form';
import { PublicUrl } from '@/components/status-pages/public-url';
import { DeleteStatusPageButton } from '@/components/status-pages/delete-status-page-button';
import { PasswordMark, PublishedBadge } from '@/components/status-pages/page-badges';
import { ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/field';
import { statusPageForEdit } from '@/lib/page-data/status-pages';

export const metadata: Metadata = { title: 'Edit status page' };
export const dynamic = 'force-dynamic';

export default async function EditStatusPagePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> }) {
  const [{ page, monitors, origin }, { created }] = await Promise.all([params.then((p) => statusPageForEdit(p.id)), searchParams]);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <div>
        <nav aria-label="Breadcrumb" className="mb-2 truncate text-sm text-zinc-500 dark:text-zinc-400">
          <Link href="/status-pages" className="hover:underline">
            Status pages
          </Link>{' '}
          / {page.title}
        </nav>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex min-w-0 flex-wrap items-center gap-2">
            <h1 className="min-w-0 truncate text-xl font-semibold tracking-tight">{page.title}</h1>
            <PublishedBadge published={page.published} />
            {page.hasPassword ? <PasswordMark /> : null}
          </div>
          <ButtonLink size="sm" href={`/status-pages/${page.id}/incidents`}>
            Incidents
          </ButtonLink>
        </div>
      </div>
      {created ? <Notice tone="success">Status page created. Share its public URL, or post an incident when something goes wrong.</Notice> : null}
      <Card className="p-5">
        <PublicUrl url={page.url} published={page.published} />
      </Card>
      <Card className="p-5" aria-labelledby="edit-page-title">
        <h2 id="edit-page-title" className="mb-4 text-base font-semibold">
          Edit status page
        </h2>
        <StatusPageForm page={page} monitors={monitors} origin={origin} />
      </Card>
      <Card className="flex flex-wrap items-center justify-between gap-3 p-5" aria-labelledby="delete-page-title">
        <div>
          <h2 id="delete-page-title" className="text-base font-semibold">
            Delete this status page
          </h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Its address stops working; the monitors stay.</p>
        </div>
        <DeleteStatusPageButton pageId={page.id} slug={page.slug} />
      </Card>
    </div>
  );
}
