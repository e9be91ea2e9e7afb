// Where a server's resident memory goes: anonymous versus file-backed pages from /proc, and
// the V8 heap, its spaces and the memory outside it (Buffers, native) from the server's own
// GET /metrics (prom-client's default process metrics). Read after a measured window, never
// during one: a scrape costs the server CPU.
import fs from 'node:fs';
import { parseExposition, samplesOf } from '../../tests/support/prometheus-text';

const MiB = 1024 * 1024;

/** One line, e.g. "RSS 301 MiB = anon 250 + file 51 + shmem 0; V8 heap used 120 of 150 MiB (old 100, ...), external 20 MiB". */
export async function memoryBreakdown(pid: number, appUrl: string, metricsToken: string): Promise<string> {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) / 1024;
  const proc = `RSS ${kb('VmRSS').toFixed(0)} MiB = anon ${kb('RssAnon').toFixed(0)} + file ${kb('RssFile').toFixed(0)} + shmem ${kb('RssShmem').toFixed(0)}`;
  const res = await fetch(`${appUrl}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` }, signal: AbortSignal.timeout(30_000) });
  if (!res.ok) return `${proc}; GET /metrics answered ${res.status}`;
  const e = parseExposition(await res.text());
  const one = (name: string) => (samplesOf(e, name)[0]?.value ?? Number.NaN) / MiB;
  const spaces = samplesOf(e, 'nodejs_heap_space_size_used_bytes')
    .filter((s) => s.value >= MiB)
    .sort((a, b) => b.value - a.value)
    .map((s) => `${s.labels.space.replace(/_space$/, '')} ${(s.value / MiB).toFixed(0)}`);
  return (
    `${proc}; V8 heap used ${one('nodejs_heap_size_used_bytes').toFixed(0)} of ${one('nodejs_heap_size_total_bytes').toFixed(0)} MiB (${spaces.join(', ')}), ` +
    `external ${one('nodejs_external_memory_bytes').toFixed(0)} MiB`
  );
}
