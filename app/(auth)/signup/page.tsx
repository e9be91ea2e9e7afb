import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthForm } from '@/components/auth/auth-form';
import { Notice } from '@/components/ui/field';
import { redirectIfSignedIn } from '@/lib/page-data/session';
import { SIGNUP_CLOSED, signupIsOpen } from '@/lib/services/account';

export const metadata: Metadata = { title: 'Sign up' };
export const dynamic = 'force-dynamic';

export default async function SignupPage() {
  await redirectIfSignedIn();
  if (!(await signupIsOpen())) {
    return (
      <>
        <h1 className="mb-4 text-lg font-semibold">Create your account</h1>
        <Notice tone="info">{SIGNUP_CLOSED}.</Notice>
        <p className="mt-4 text-center text-sm text-zinc-600 dark:text-zinc-400">
          Already have an account?{' '}
          <Link href="/login" className="font-medium text-zinc-900 underline underline-offset-2 dark:text-zinc-100">
            Log in
          </Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold">Create your account</h1>
      <p className="mb-5 text-sm text-zinc-600 dark:text-zinc-400">Then add a site and watch it turn green.</p>
      <AuthForm mode="signup" />
    </>
  );
}
