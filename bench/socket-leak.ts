// Do failing checks leave sockets or timers behind?
//   node --conditions=react-server --import tsx bench/socket-leak.ts      (CHECKS=1000 CONCURRENCY=100 TIMEOUT_MS=500)
//
// Runs CHECKS failing checks through the real runCheck, CONCURRENCY at a time, against loopback
// servers in a child process (so only this process's own handles are counted): a server that
// never answers an HTTP request, a TCP server that accepts and never speaks, one that resets
// every connection, a refused port, and a body that drips a byte a second. Prints the handle
// counts before and after, the causes, and the time each kind took.
import { runCheck } from '@/lib/checker/run-check';
import type { FailureCause, HttpProbe, Probe } from '@/lib/checker/types';
import { formatCounts, handleCounts, ms, sleep, startTargets, summary } from './engine/support';
import { MONITOR_DEFAULTS } from '../lib/schemas/monitor';

const CHECKS = Number(process.env.CHECKS ?? 1000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 100);
const TIMEOUT_MS = Number(process.env.TIMEOUT_MS ?? 500);
const SLACK = 2;

const targets = await startTargets({ HANGING_SERVERS: '1' });
const { ports } = targets;
const http = (port: number, path = '/') => `http://127.0.0.1:${port}${path}`;
// The same defaults a monitor created through the API gets.
const d = MONITOR_DEFAULTS;
const base: Omit<HttpProbe, 'type' | 'url' | 'timeoutMs'> = {
  method: d.method,
  headers: [],
  body: d.body,
  acceptedStatusCodes: d.acceptedStatusCodes,
  followRedirects: d.followRedirects,
  maxRedirects: d.maxRedirects,
  keyword: d.keyword,
  keywordMode: d.keywordMode,
  keywordCaseSensitive: d.keywordCaseSensitive,
  jsonAssertions: [],
  maxResponseTimeMs: d.maxResponseTimeMs,
  ignoreTlsErrors: d.ignoreTlsErrors,
};

const KINDS: Array<{ label: string; probe: Probe; cause: FailureCause }> = [
  { label: 'never answers (HTTP)', probe: { ...base, type: 'http', url: http(ports.hanging[0], '/hang'), timeoutMs: TIMEOUT_MS }, cause: 'timeout' },
  { label: 'never answers (TCP accept only)', probe: { ...base, type: 'http', url: http(ports.silent), timeoutMs: TIMEOUT_MS }, cause: 'timeout' },
  { label: 'connection reset', probe: { ...base, type: 'http', url: http(ports.reset), timeoutMs: TIMEOUT_MS }, cause: 'connection_reset' },
  { label: 'connection refused', probe: { ...base, type: 'http', url: http(ports.refused), timeoutMs: TIMEOUT_MS }, cause: 'connection_refused' },
  { label: 'slow body (1 byte/s)', probe: { ...base, type: 'http', url: http(ports.slow), timeoutMs: TIMEOUT_MS }, cause: 'timeout' },
  { label: 'TCP refused', probe: { type: 'tcp', host: '127.0.0.1', port: ports.refused, timeoutMs: TIMEOUT_MS }, cause: 'connection_refused' },
];

await sleep(100);
const before = handleCounts();
console.log(`socket-leak: ${CHECKS} failing checks, ${CONCURRENCY} at a time, timeout ${TIMEOUT_MS} ms`);
console.log(`handles before: ${formatCounts(before)}`);

const durations = new Map<string, number[]>(KINDS.map((k) => [k.label, []]));
const wrong: string[] = [];
const started = performance.now();
let next = 0;
async function lane(): Promise<void> {
  while (next < CHECKS) {
    const kind = KINDS[next++ % KINDS.length];
    const t = performance.now();
    const outcome = await runCheck(kind.probe, { blockPrivateTargets: false });
    durations.get(kind.label)!.push(performance.now() - t);
    if (outcome.cause !== kind.cause) wrong.push(`${kind.label}: ${outcome.cause} ${outcome.error}`);
  }
}
await Promise.all(Array.from({ length: CONCURRENCY }, lane));
const elapsed = performance.now() - started;
const immediately = handleCounts();
// Closing sockets finish over the next few event-loop turns.
let after = immediately;
for (let i = 0; i < 40; i++) {
  after = handleCounts();
  if (after.TCPSocketWrap <= before.TCPSocketWrap && after.Timeout <= before.Timeout + SLACK) break;
  await sleep(50);
}

console.log(`done in ${(elapsed / 1000).toFixed(1)} s (${(CHECKS / (elapsed / 1000)).toFixed(0)} checks/s)`);
for (const [label, list] of durations) {
  const s = summary(list);
  console.log(`  ${label.padEnd(32)} n=${String(s.n).padStart(4)}  p50 ${ms(s.p50)}  p99 ${ms(s.p99)}  max ${ms(s.max)}`);
}
console.log(`wrong causes: ${wrong.length}${wrong.length ? ` (${wrong.slice(0, 3).join('; ')})` : ''}`);
console.log(`handles right after: ${formatCounts(immediately)}`);
console.log(`handles settled:     ${formatCounts(after)}`);
const leaked = (['TCPSocketWrap', 'TCPWrap', 'TLSWrap', 'Timeout'] as const).filter((k) => after[k] > before[k] + SLACK);
const slowest = Math.max(...[...durations.values()].flat());
console.log(leaked.length ? `LEAK: ${leaked.join(', ')}` : 'no leaked sockets or timers');
console.log(`slowest check ${ms(slowest)} for a ${TIMEOUT_MS} ms timeout`);
targets.stop();
process.exit(leaked.length || wrong.length ? 1 : 0);
