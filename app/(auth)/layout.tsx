import type { ReactNode } from 'react';
import { Logo } from '@/components/app-header';

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-dvh flex-col items-center px-4 pt-[12vh] pb-10">
      <div className="mb-6">
        <Logo />
      </div>
      <div className="w-full max-w-sm rounded-lg border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        {children}
      </div>
      <p className="mt-6 text-sm text-zinc-500 dark:text-zinc-400">
        Scripting Pingboard? See the{' '}
        <a href="/api/docs" className="underline underline-offset-2 hover:text-zinc-800 dark:hover:text-zinc-200">
          API documentation (OpenAPI)
        </a>
        .
      </p>
    </main>
  );
}
