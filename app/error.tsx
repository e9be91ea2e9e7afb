'use client';

import { ErrorView } from '@/components/error-view';

export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <main className="px-4 py-16">
      <ErrorView error={error} retry={retry} />
    </main>
  );
}
