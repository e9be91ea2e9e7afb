'use client';

import { useState } from 'react';
import { orderIncidents, pageMonitors, type IncidentDto, type StatusPageDto } from '@/lib/ui/status-page-form-model';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/field';
import { IncidentForm } from '@/components/status-pages/incident-form';
import { IncidentCard } from '@/components/status-pages/incident-card';

/** A page's incidents, open ones first, with the form for a new one. */
export function IncidentsView({ page, initialIncidents }: { page: StatusPageDto; initialIncidents: IncidentDto[] }) {
  const [incidents, setIncidents] = useState(() => orderIncidents(initialIncidents));
  const [adding, setAdding] = useState(false);
  const [posted, setPosted] = useState<string | null>(null);
  const monitors = pageMonitors(page);
  const open = incidents.filter((i) => i.status !== 'resolved');
  const past = incidents.filter((i) => i.status === 'resolved');

  const replace = (next: IncidentDto) => {
    setPosted(null);
    setIncidents((all) => orderIncidents(all.map((i) => (i.id === next.id ? next : i))));
  };
  const drop = (id: string) => {
    setPosted(null);
    setIncidents((all) => all.filter((i) => i.id !== id));
  };
  const list = (items: IncidentDto[], label: string) => (
    <Card>
      <ul aria-label={label} className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {items.map((i) => (
          <IncidentCard key={i.id} pageId={page.id} incident={i} monitors={monitors} onChanged={replace} onDeleted={drop} />
        ))}
      </ul>
    </Card>
  );

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-xl font-semibold tracking-tight">Incidents</h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            What you tell visitors of <span className="font-medium">{page.title}</span> when something goes wrong. Each update appears on the page and in its feed.
          </p>
        </div>
        {adding ? null : (
          <Button
            variant="primary"
            onClick={() => {
              setPosted(null);
              setAdding(true);
            }}
          >
            <span aria-hidden="true">+</span> New incident
          </Button>
        )}
      </div>
      <div aria-live="polite">{posted ? <Notice tone="success">Incident “{posted}” posted on the page.</Notice> : null}</div>
      {adding ? (
        <Card className="p-5" aria-labelledby="new-incident-title">
          <h2 id="new-incident-title" className="mb-4 text-base font-semibold">
            New incident
          </h2>
          <IncidentForm
            pageId={page.id}
            monitors={monitors}
            onCancel={() => setAdding(false)}
            onPosted={(i) => {
              setAdding(false);
              setPosted(i.title);
              setIncidents((all) => orderIncidents([i, ...all]));
            }}
          />
        </Card>
      ) : null}
      {incidents.length === 0 && !adding ? (
        <div className="rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-12 text-center dark:border-zinc-700 dark:bg-zinc-900">
          <h2 className="text-base font-semibold">No incidents</h2>
          <p className="mx-auto mt-1 max-w-md text-sm text-zinc-600 dark:text-zinc-400">
            The page shows each monitor’s own outages by itself. Post an incident to explain one in your words and keep visitors updated until it is resolved.
          </p>
        </div>
      ) : null}
      {open.length ? (
        <section aria-labelledby="open-incidents" className="space-y-2">
          <h2 id="open-incidents" className="text-sm font-semibold text-zinc-700 dark:text-zinc-300">
            Open ({open.length})
          </h2>
          {list(open, 'Open incidents')}
        </section>
      ) : null}
      {past.length ? (
        <section aria-labelledby="past-incidents" className="space-y-2">
          <h2 id="past-incidents" className="text-sm font-semibold text-zinc-700 dark:text-zinc-300">
            Resolved
          </h2>
          {list(past, 'Resolved incidents')}
        </section>
      ) : null}
    </div>
  );
}
