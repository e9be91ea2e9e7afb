import Link from 'next/link';
import type { StatusPageDto } from '@/lib/ui/status-page-form-model';
import { ButtonLink } from '@/components/ui/button';
import { PasswordMark, PublishedBadge } from '@/components/status-pages/page-badges';

/** The Status pages page: each page with its public address and state, or what a status page is. */
export function StatusPagesList({ pages }: { pages: StatusPageDto[] }) {
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Status pages</h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Public pages that show your visitors how your services are doing.</p>
        </div>
        <ButtonLink href="/status-pages/new" variant="primary">
          <span aria-hidden="true">+</span> New status page
        </ButtonLink>
      </div>
      {pages.length === 0 ? (
        <EmptyState />
      ) : (
        <ul aria-label="Status pages" className="divide-y divide-zinc-200 overflow-hidden rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
          {pages.map((p) => (
            <PageRow key={p.id} page={p} />
          ))}
        </ul>
      )}
    </div>
  );
}

function PageRow({ page }: { page: StatusPageDto }) {
  const monitors = page.sections.reduce((n, s) => n + s.monitors.length, 0);
  const publicPath = `/status/${page.slug}`;
  return (
    <li data-status-page-id={page.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="min-w-0 truncate font-medium">
            <Link href={`/status-pages/${page.id}`} className="hover:underline">
              {page.title}
            </Link>
          </h2>
          <PublishedBadge published={page.published} />
          {page.hasPassword ? <PasswordMark /> : null}
        </div>
        <p className="mt-0.5 truncate text-sm text-zinc-600 dark:text-zinc-400">
          <a href={publicPath} className="font-mono text-xs underline-offset-2 hover:underline" target="_blank" rel="noreferrer">
            {publicPath}
            <span className="sr-only"> (opens the public page in a new tab)</span>
          </a>
          <span className="text-xs">
            {' '}
            · {page.sections.length === 1 ? '1 section' : `${page.sections.length} sections`}, {monitors === 1 ? '1 monitor' : `${monitors} monitors`}
            {page.customDomain ? ` · ${page.customDomain}` : ''}
          </span>
        </p>
      </div>
      <div className="flex flex-wrap gap-2">
        <ButtonLink size="sm" href={`/status-pages/${page.id}/incidents`}>
          Incidents<span className="sr-only"> of {page.title}</span>
        </ButtonLink>
        <ButtonLink size="sm" href={`/status-pages/${page.id}`}>
          Edit<span className="sr-only"> {page.title}</span>
        </ButtonLink>
      </div>
    </li>
  );
}

function EmptyState() {
  return (
    <div className="rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-14 text-center dark:border-zinc-700 dark:bg-zinc-900">
      <svg viewBox="0 0 24 24" className="mx-auto mb-3 size-10 text-zinc-400" aria-hidden="true">
        <rect x="3" y="4" width="18" height="16" rx="2" fill="none" stroke="currentColor" strokeWidth="1.6" />
        <path d="M7 9h6M7 13h10M7 16.5h4" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
      </svg>
      <h2 className="text-base font-semibold">No status pages yet</h2>
      <p className="mx-auto mt-1 max-w-md text-sm text-zinc-600 dark:text-zinc-400">
        A status page is a public page at <span className="font-mono text-xs">/status/your-name</span> that shows the monitors you choose, grouped in
        sections, with 90 days of uptime, the incidents you write and your planned maintenance. Share it with your users instead of answering
        “is it down?” one by one.
      </p>
      <ButtonLink href="/status-pages/new" variant="primary" className="mt-5">
        Create your first status page
      </ButtonLink>
    </div>
  );
}
