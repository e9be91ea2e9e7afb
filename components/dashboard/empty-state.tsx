import { ButtonLink, Button } from '@/components/ui/button';

/** No monitors at all: what to do first. */
export function EmptyState() {
  return (
    <div className="rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-14 text-center dark:border-zinc-700 dark:bg-zinc-900">
      <svg viewBox="0 0 24 24" className="mx-auto mb-3 size-10 text-zinc-400" aria-hidden="true">
        <path d="M2 12h4l3-7 4 14 3-7h6" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <h2 className="text-base font-semibold">No monitors yet</h2>
      <p className="mx-auto mt-1 max-w-sm text-sm text-zinc-600 dark:text-zinc-400">Add the address of a site or API and Pingboard starts checking it within seconds.</p>
      <ButtonLink href="/monitors/new" variant="primary" className="mt-5">
        Add your first monitor
      </ButtonLink>
    </div>
  );
}

/** Monitors exist but the filters leave none. */
export function NoMatch({ onClear }: { onClear: () => void }) {
  return (
    <div className="rounded-b-lg bg-white px-6 py-10 text-center dark:bg-zinc-900" data-testid="no-match">
      <p className="text-sm font-medium">No monitors match these filters.</p>
      <Button size="sm" className="mt-3" onClick={onClear}>
        Clear filters
      </Button>
    </div>
  );
}
