import type { Metadata } from 'next';
import Link from 'next/link';
import { Logo } from '@/components/app-header';
import { buttonClass } from '@/components/ui/button';

export const metadata: Metadata = { title: 'Not found' };

export default function NotFound() {
  return (
    <main className="flex min-h-[70dvh] flex-col items-center justify-center px-4 text-center">
      <Logo />
      <p className="mt-8 font-mono text-sm font-semibold text-zinc-500">404</p>
      <h1 className="mt-1 text-xl font-semibold">This page does not exist</h1>
      <p className="mt-2 max-w-sm text-sm text-zinc-600 dark:text-zinc-400">
        The monitor may have been deleted, or the address is mistyped.
      </p>
      <Link href="/" className={buttonClass('primary', 'md', 'mt-6')}>
        Back to dashboard
      </Link>
    </main>
  );
}
