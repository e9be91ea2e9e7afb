'use client';

import { useId, useState, type FormEvent } from 'react';
import type { ApiFailure } from '@/components/api-client';
import { Button } from '@/components/ui/button';
import { Field, inputClass, Notice } from '@/components/ui/field';

// Configuration as code from the settings page: download the account's configuration (JSON or
// YAML; secrets only with the password typed again), and import a file: a dry run first shows
// what each item would do, and only that preview can be applied. A refused file lists each
// problem with its place in the file.

interface PlanLine {
  type: string;
  name: string;
  action: 'create' | 'update' | 'unchanged' | 'skipped';
  reason?: string;
}

const SOURCES = [
  { value: 'pingboard', label: 'Pingboard export' },
  { value: 'uptime-kuma', label: 'Uptime Kuma backup (JSON)' },
  { value: 'gatus', label: 'Gatus config.yaml' },
] as const;

const TYPE_LABELS: Record<string, string> = { monitor: 'Monitor', tag: 'Tag', channel: 'Channel', statusPage: 'Status page', maintenanceWindow: 'Maintenance' };
const ACTION_STYLES: Record<PlanLine['action'], string> = {
  create: 'text-green-700 dark:text-green-400',
  update: 'text-sky-700 dark:text-sky-400',
  unchanged: 'text-zinc-500 dark:text-zinc-400',
  skipped: 'text-amber-700 dark:text-amber-400',
};

/** What the server answered, as JSON, or a failure in the API's error shape. */
async function send(path: string, init: RequestInit): Promise<{ ok: true; res: Response } | { ok: false; error: ApiFailure }> {
  try {
    const res = await fetch(path, { ...init, cache: 'no-store' });
    if (res.ok) return { ok: true, res };
    const body = (await res.json().catch(() => null)) as { error?: ApiFailure } | null;
    return { ok: false, error: body?.error ?? { code: 'http_error', message: `The server answered ${res.status}` } };
  } catch {
    return { ok: false, error: { code: 'network', message: 'Cannot reach the server. Check your connection and try again.' } };
  }
}

async function saveAttachment(res: Response): Promise<void> {
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'pingboard-export';
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  URL.revokeObjectURL(url);
}

const mediaType = (file: File) => (/\.ya?ml$/i.test(file.name) ? 'application/yaml' : /\.json$/i.test(file.name) ? 'application/json' : 'text/plain');

export function ImportExportSection() {
  return (
    <div className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
      <ExportPanel />
      <ImportPanel />
    </div>
  );
}

function ExportPanel() {
  const [withSecrets, setWithSecrets] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function exportAs(format: 'json' | 'yaml') {
    setError(null);
    if (withSecrets && !password) return setError('Enter your password to include secrets');
    setBusy(true);
    const result = withSecrets
      ? await send('/api/export', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ includeSecrets: true, password, format }) })
      : await send(`/api/export?format=${format}`, {});
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    await saveAttachment(result.res);
  }

  return (
    <section aria-label="Export" className="space-y-3 p-4">
      <h3 className="font-medium">Export</h3>
      <p className="text-zinc-600 dark:text-zinc-400">
        Your monitors, tags, notification channels, status pages and maintenance windows as one file, to keep in git or import elsewhere. Secrets
        (channel tokens, secret headers) are left out unless you include them; status page passwords never leave.{' '}
        <a href="/api/schemas/export.json" className="underline underline-offset-2 hover:no-underline">
          JSON Schema
        </a>
      </p>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={withSecrets} onChange={(e) => setWithSecrets(e.target.checked)} />
        Include secrets
      </label>
      {withSecrets ? (
        <Field id="export-password" label="Your password, to include secrets" className="max-w-sm">
          {(a11y) => <input {...a11y} type="password" autoComplete="current-password" className={inputClass} value={password} onChange={(e) => setPassword(e.target.value)} />}
        </Field>
      ) : null}
      {error ? <Notice>{error}</Notice> : null}
      <div className="flex gap-2">
        <Button onClick={() => exportAs('json')} disabled={busy}>
          Export JSON
        </Button>
        <Button onClick={() => exportAs('yaml')} disabled={busy}>
          Export YAML
        </Button>
      </div>
    </section>
  );
}

function ImportPanel() {
  const ids = useId();
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState<string>('pingboard');
  const [plan, setPlan] = useState<PlanLine[] | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function reset() {
    setPlan(null);
    setFailure(null);
    setDone(null);
  }

  async function run(dryRun: boolean) {
    if (!file) return;
    setBusy(true);
    setFailure(null);
    setDone(null);
    const result = await send(`/api/import?dryRun=${dryRun}&source=${source}`, { method: 'POST', headers: { 'content-type': mediaType(file) }, body: await file.text() });
    setBusy(false);
    if (!result.ok) {
      setPlan(null);
      return setFailure(result.error);
    }
    const body = (await result.res.json()) as { plan: PlanLine[]; applied: boolean };
    if (!dryRun) {
      setPlan(null);
      return setDone(`Imported: ${summary(body.plan, 'done')}.`);
    }
    setPlan(body.plan);
  }

  function preview(e: FormEvent) {
    e.preventDefault();
    void run(true);
  }

  return (
    <section aria-label="Import" className="space-y-3 p-4">
      <h3 className="font-medium">Import</h3>
      <p className="text-zinc-600 dark:text-zinc-400">
        Items match yours by their key, else by name: importing the same file twice changes nothing. Preview first; nothing changes until you apply, and a
        file with any problem changes nothing.
      </p>
      <form onSubmit={preview} noValidate className="flex flex-wrap items-end gap-3">
        <Field id={`${ids}-file`} label="File">
          {(a11y) => (
            <input
              {...a11y}
              type="file"
              accept=".json,.yaml,.yml,application/json,application/yaml"
              className="block text-sm"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                reset();
              }}
            />
          )}
        </Field>
        <Field id={`${ids}-source`} label="Format">
          {(a11y) => (
            <select
              {...a11y}
              className={inputClass}
              value={source}
              onChange={(e) => {
                setSource(e.target.value);
                reset();
              }}
            >
              {SOURCES.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Button type="submit" disabled={!file || busy}>
          Preview
        </Button>
        <Button variant="primary" onClick={() => void run(false)} disabled={!plan || busy}>
          Apply
        </Button>
      </form>
      {failure ? <Problems failure={failure} /> : null}
      {done ? <Notice tone="success">{done}</Notice> : null}
      {plan ? <PlanTable plan={plan} /> : null}
    </section>
  );
}

function summary(plan: PlanLine[], tense: 'planned' | 'done' = 'planned'): string {
  const counts = (['create', 'update', 'unchanged', 'skipped'] as const).map((a) => [a, plan.filter((l) => l.action === a).length] as const);
  const words =
    tense === 'done'
      ? { create: 'created', update: 'updated', unchanged: 'unchanged', skipped: 'skipped' }
      : { create: 'to create', update: 'to update', unchanged: 'unchanged', skipped: 'skipped' };
  return counts.filter(([, n]) => n > 0).map(([a, n]) => `${n} ${words[a]}`).join(', ') || 'nothing in the file';
}

function Problems({ failure }: { failure: ApiFailure }) {
  return (
    <Notice>
      <p className="font-medium">{failure.message}</p>
      {failure.issues?.length ? (
        <ul aria-label="Problems in the file" className="mt-1 list-disc space-y-0.5 pl-5">
          {failure.issues.map((i, n) => (
            <li key={n}>
              {i.path.length ? <code className="font-mono text-xs">{i.path.join('.')}</code> : null}
              {i.path.length ? ': ' : ''}
              {i.message}
            </li>
          ))}
        </ul>
      ) : null}
    </Notice>
  );
}

function PlanTable({ plan }: { plan: PlanLine[] }) {
  return (
    <div className="space-y-2">
      <p role="status">Preview: {summary(plan)}. Apply to make these changes.</p>
      <div className="overflow-x-auto rounded-md border border-zinc-200 dark:border-zinc-800">
        <table aria-label="Import plan" className="w-full text-left text-sm">
          <thead className="bg-zinc-50 text-xs text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
            <tr>
              <th className="px-3 py-2 font-medium">Type</th>
              <th className="px-3 py-2 font-medium">Name</th>
              <th className="px-3 py-2 font-medium">Action</th>
              <th className="px-3 py-2 font-medium">Reason</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {plan.map((l, n) => (
              <tr key={n}>
                <td className="px-3 py-1.5 whitespace-nowrap">{TYPE_LABELS[l.type] ?? l.type}</td>
                <td className="px-3 py-1.5 break-all">{l.name}</td>
                <td className={`px-3 py-1.5 font-medium ${ACTION_STYLES[l.action]}`}>{l.action}</td>
                <td className="px-3 py-1.5 text-zinc-600 dark:text-zinc-400">{l.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
