import { LoadingRegion, Skeleton } from '@/components/ui/skeleton';

export default function StatusPagesLoading() {
  return (
    <LoadingRegion label="Loading status pages…">
      <div className="mb-4 flex items-center justify-between">
        <Skeleton className="h-7 w-36" />
        <Skeleton className="h-9 w-40" />
      </div>
      <div className="space-y-px overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-800">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} className="h-16 rounded-none" />
        ))}
      </div>
    </LoadingRegion>
  );
}
