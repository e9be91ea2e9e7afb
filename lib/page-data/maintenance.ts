import 'server-only';
import { requireUser } from '@/lib/page-data/session';
import { monitorChoices } from '@/lib/page-data/status-pages';
import { listMaintenanceFor } from '@/lib/services/manage-maintenance';
import { maintenanceDto, type MaintenanceDto } from '@/lib/dto/maintenance';
import type { MonitorChoice } from '@/lib/ui/status-page-form-model';

// The Maintenance page's first render: the same service and DTO as GET /api/maintenance, and
// the user's monitors for the form's checklist. requireUser() comes first, as in every loader.

export async function maintenancePage(): Promise<{ maintenance: MaintenanceDto[]; monitors: MonitorChoice[] }> {
  const user = await requireUser();
  const now = new Date();
  const [rows, monitors] = await Promise.all([listMaintenanceFor(user.id), monitorChoices()]);
  return { maintenance: rows.map((m) => maintenanceDto(m, now)), monitors };
}
