import Link from 'next/link';
import { LogoutButton } from '@/components/auth/logout-button';
import { buttonClass } from '@/components/ui/button';

export function Logo() {
  return (
    <span className="inline-flex items-center gap-2 font-semibold tracking-tight">
      <svg viewBox="0 0 24 24" className="size-5 text-up" aria-hidden="true">
        <path d="M2 12h4l3-7 4 14 3-7h6" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      Pingboard
    </span>
  );
}

export function AppHeader({ email }: { email: string }) {
  return (
    <header className="sticky top-0 z-20 border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/90">
      <div className="mx-auto flex h-13 max-w-6xl items-center gap-3 px-4">
        <Link href="/" className="rounded-sm" aria-label="Pingboard dashboard">
          <Logo />
        </Link>
        <nav aria-label="Main" className="ml-2 hidden items-center gap-1 sm:flex">
          <Link href="/" className={buttonClass('ghost', 'sm')}>
            Dashboard
          </Link>
          <Link href="/notifications" className={buttonClass('ghost', 'sm')}>
            Notifications
          </Link>
          {/* A plain link: the OpenAPI document is JSON, not a page of the app. */}
          <a href="/api/docs" className={buttonClass('ghost', 'sm')}>
            API
          </a>
        </nav>
        <div className="ml-auto flex min-w-0 items-center gap-2">
          <span className="hidden truncate text-sm text-zinc-500 md:inline dark:text-zinc-400" title={email}>
            {email}
          </span>
          <LogoutButton />
        </div>
      </div>
    </header>
  );
}
