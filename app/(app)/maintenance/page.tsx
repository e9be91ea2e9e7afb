import type { Metadata } from 'next';
import { MaintenanceView } from '@/components/maintenance/maintenance-view';
import { maintenancePage } from '@/lib/page-data/maintenance';

export const metadata: Metadata = { title: 'Maintenance' };
export const dynamic = 'force-dynamic';

export default async function MaintenancePage() {
  const data = await maintenancePage();
  return <MaintenanceView initialMaintenance={data.maintenance} monitors={data.monitors} />;
}
