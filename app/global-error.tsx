'use client';

import { ErrorView } from '@/components/error-view';
import './globals.css';

export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-dvh px-4 py-16 font-sans">
        <title>Error · Pingboard</title>
        <ErrorView error={error} retry={retry} />
      </body>
    </html>
  );
}
