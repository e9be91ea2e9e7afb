'use client';

import { ErrorView } from '@/components/error-view';

export default function SignedInError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorView error={error} retry={retry} />;
}
