import { LoadingRegion, Skeleton } from '@/components/ui/skeleton';

export default function IncidentsLoading() {
  return (
    <LoadingRegion label="Loading incidents…">
      <div className="mx-auto max-w-3xl">
        <Skeleton className="mb-3 h-4 w-56" />
        <div className="mb-4 flex items-center justify-between">
          <Skeleton className="h-7 w-32" />
          <Skeleton className="h-9 w-36" />
        </div>
        <div className="space-y-px overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-800">
          {[0, 1].map((i) => (
            <Skeleton key={i} className="h-40 rounded-none" />
          ))}
        </div>
      </div>
    </LoadingRegion>
  );
}
