import { LoadingRegion, Skeleton } from '@/components/ui/skeleton';

export default function MonitorLoading() {
  return (
    <LoadingRegion label="Loading monitor…">
      <Skeleton className="mb-3 h-4 w-40" />
      <Skeleton className="mb-2 h-7 w-64" />
      <Skeleton className="mb-5 h-4 w-80 max-w-full" />
      <div className="mb-4 grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-5">
        {[0, 1, 2, 3, 4].map((i) => (
          <Skeleton key={i} className="h-16" />
        ))}
      </div>
      <Skeleton className="mb-4 h-80" />
      <Skeleton className="h-64" />
    </LoadingRegion>
  );
}
