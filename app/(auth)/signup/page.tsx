import type { Metadata } from 'next';
import { AuthForm } from '@/components/auth/auth-form';
import { redirectIfSignedIn } from '@/lib/page-data/session';

export const metadata: Metadata = { title: 'Sign up' };
export const dynamic = 'force-dynamic';

export default async function SignupPage() {
  await redirectIfSignedIn();
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold">Create your account</h1>
      <p className="mb-5 text-sm text-zinc-600 dark:text-zinc-400">Then add a site and watch it turn green.</p>
      <AuthForm mode="signup" />
    </>
  );
}
