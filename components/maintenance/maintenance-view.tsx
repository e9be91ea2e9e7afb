'use client';

import { useState } from 'react';
import { orderWindows, type MaintenanceDto } from '@/lib/ui/maintenance-form-model';
import type { MonitorChoice } from '@/lib/ui/status-page-form-model';
import { api } from '@/components/api-client';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/field';
import { MaintenanceForm } from '@/components/maintenance/maintenance-form';
import { MaintenanceItem } from '@/components/maintenance/maintenance-item';

/** The Maintenance page: every window of the user, current ones first, and the form to add one. */
export function MaintenanceView({ initialMaintenance, monitors }: { initialMaintenance: MaintenanceDto[]; monitors: MonitorChoice[] }) {
  const [windows, setWindows] = useState(() => orderWindows(initialMaintenance));
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  async function reload() {
    const res = await api<{ maintenance: MaintenanceDto[] }>('/api/maintenance');
    if (!res.ok) return setLoadError(res.error.message);
    setLoadError(null);
    setWindows(orderWindows(res.data.maintenance));
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Maintenance</h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Planned work: during a window failures send no alert, and status pages show the work instead of an outage.</p>
        </div>
        {adding ? null : (
          <Button
            variant="primary"
            onClick={() => {
              setAdded(null);
              setAdding(true);
            }}
          >
            <span aria-hidden="true">+</span> Add window
          </Button>
        )}
      </div>
      {loadError ? <Notice tone="info">Could not refresh the list ({loadError}).</Notice> : null}
      <div aria-live="polite">{added ? <Notice tone="success">Maintenance window “{added}” saved.</Notice> : null}</div>
      {adding ? (
        <Card className="p-5" aria-labelledby="add-window-title">
          <h2 id="add-window-title" className="mb-4 text-base font-semibold">
            Add a maintenance window
          </h2>
          <MaintenanceForm
            monitors={monitors}
            onCancel={() => setAdding(false)}
            onSaved={async (m) => {
              setAdding(false);
              setAdded(m.title);
              await reload();
            }}
          />
        </Card>
      ) : null}
      {windows.length === 0 ? (
        adding ? null : (
          <div className="rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-12 text-center dark:border-zinc-700 dark:bg-zinc-900">
            <h2 className="text-base font-semibold">No maintenance windows</h2>
            <p className="mx-auto mt-1 max-w-md text-sm text-zinc-600 dark:text-zinc-400">
              Planning a deploy or a database upgrade? Add a window for it, once or every week, so nobody is woken up by an expected outage.
            </p>
            <Button variant="primary" className="mt-5" onClick={() => setAdding(true)}>
              Plan a maintenance window
            </Button>
          </div>
        )
      ) : (
        <Card>
          <ul aria-label="Maintenance windows" className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {windows.map((m) => (
              <MaintenanceItem
                key={m.id}
                maintenance={m}
                monitors={monitors}
                onChanged={async () => {
                  setAdded(null);
                  await reload();
                }}
              />
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
