'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';
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

const PAGES = [
  { href: '/', label: 'Dashboard' },
  { href: '/status-pages', label: 'Status pages' },
  { href: '/maintenance', label: 'Maintenance' },
  { href: '/notifications', label: 'Notifications' },
  { href: '/api-reference', label: 'API' },
  { href: '/settings', label: 'Settings' },
];

const current = (pathname: string, href: string) => (href === '/' ? pathname === '/' || pathname.startsWith('/monitors') : pathname.startsWith(href));

function NavLinks({ pathname, className }: { pathname: string; className?: string }) {
  return (
    <>
      {PAGES.map((p) => (
        <Link key={p.href} href={p.href} className={buttonClass('ghost', 'sm', className)} aria-current={current(pathname, p.href) ? 'page' : undefined}>
          {p.label}
        </Link>
      ))}
    </>
  );
}

/** Below `lg` the links fold into a menu; it closes again once a link has been followed. */
function MobileMenu({ pathname }: { pathname: string }) {
  const menu = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [pathname]);
  return (
    <details ref={menu} className="group lg:hidden">
      <summary className={buttonClass('ghost', 'sm', 'cursor-pointer list-none [&::-webkit-details-marker]:hidden')}>
        <svg viewBox="0 0 16 16" className="size-4" aria-hidden="true">
          <path d="M2 4h12M2 8h12M2 12h12" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" className="group-open:hidden" />
          <path d="M3.5 3.5l9 9M12.5 3.5l-9 9" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" className="hidden group-open:block" />
        </svg>
        Menu
      </summary>
      <nav aria-label="Main" className="absolute inset-x-0 top-full flex flex-col gap-1 border-b border-zinc-200 bg-white px-4 py-2 shadow-sm dark:border-zinc-800 dark:bg-zinc-950">
        <NavLinks pathname={pathname} className="justify-start" />
      </nav>
    </details>
  );
}

export function AppHeader({ email }: { email: string }) {
  const pathname = usePathname();
  return (
    <header className="sticky top-0 z-20 border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/90">
      <div className="relative mx-auto flex h-13 max-w-6xl items-center gap-3 px-4">
        <Link href="/" className="rounded-sm" aria-label="Pingboard dashboard">
          <Logo />
        </Link>
        <nav aria-label="Main" className="ml-2 hidden items-center gap-1 lg:flex">
          <NavLinks pathname={pathname} />
        </nav>
        <div className="ml-auto flex min-w-0 items-center gap-2">
          <span className="hidden truncate text-sm text-zinc-500 xl:inline dark:text-zinc-400" title={email}>
            {email}
          </span>
          <MobileMenu pathname={pathname} />
          <LogoutButton />
        </div>
      </div>
    </header>
  );
}
