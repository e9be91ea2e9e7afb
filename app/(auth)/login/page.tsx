import type { Metadata } from 'next';
import { AuthForm } from '@/components/auth/auth-form';
import { redirectIfSignedIn } from '@/lib/page-data/session';

export const metadata: Metadata = { title: 'Log in' };
export const dynamic = 'force-dynamic';

export default async function LoginPage() {
  await redirectIfSignedIn();
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold">Log in</h1>
      <p className="mb-5 text-sm text-zinc-600 dark:text-zinc-400">Welcome back. Your monitors kept watching.</p>
      <AuthForm mode="login" />
    </>
  );
}
