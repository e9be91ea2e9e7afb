import type { Metadata } from 'next';
import { Dashboard } from '@/components/monitors/dashboard';
import { dashboardRows } from '@/lib/page-data/monitors';

export const metadata: Metadata = { title: 'Dashboard' };
export const dynamic = 'force-dynamic';

export default async function DashboardPage() {
  return <Dashboard initialRows={await dashboardRows()} />;
}
