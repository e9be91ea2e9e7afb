import type { Metadata } from 'next';
import { NotificationsView } from '@/components/notifications/notifications-view';
import { notificationsPage } from '@/lib/page-data/channels';

export const metadata: Metadata = { title: 'Notifications' };
export const dynamic = 'force-dynamic';

export default async function NotificationsPage() {
  const data = await notificationsPage();
  return <NotificationsView initialChannels={data.channels} kinds={data.kinds} />;
}
