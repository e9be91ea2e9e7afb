// Three instances on one PostgreSQL database against one instance on SQLite, each checking the
// same 6,000 monitors every 30 s (200 checks a second) at a loopback target that records every
// arrival: checks a second achieved, how far arrivals stray from each monitor's own cadence,
// whether the results were stored, and the CPU and memory of each app process and of
// PostgreSQL over the watched intervals. Prints figures and a markdown table; asserts nothing.
//   node --conditions=react-server --import tsx bench/cluster-scale.ts
//   (MONITORS=6000 INTERVAL=30 INSTANCES=3 WATCH_INTERVALS=3 ENGINES=postgresql,sqlite)
// PostgreSQL is a throwaway cluster started for the run (TEST_DATABASE_URL=postgres://... uses
// that server instead; its CPU then includes whatever else it serves).
//
// The monitors are copied in the database from one made through the API (bench/support/
// seed-monitors.ts), each first due at a different moment of one interval, as monitors created
// over time would be; tests/cluster/scale.test.ts covers creating them through the API. The
// per-host cap is 1,000 a second per instance, five times what any instance sends here.
import buildOnce from '../tests/support/build-once';
import { startApp, type AppServer } from '../tests/support/app-server';
import { countRows } from '../tests/support/app-db';
import { adminUrl, createDatabase, dropDatabase } from '../tests/support/postgres';
import { hasPostgres } from '../scripts/postgres-cluster.mjs';
import { startArrivalTarget, type ArrivalTarget } from '../tests/cluster/support/arrival-target';
import { Client, health, until } from '../tests/cluster/support/cluster';
import { cadenceErrors, closePairs, percentile, within } from '../tests/cluster/support/series';
import { seedMonitors } from './support/seed-monitors';
import { cpuSeconds, memoryMb, postmasterPid, serverCpuSeconds } from './support/proc-stats';

const MONITORS = Number(process.env.MONITORS ?? 6000);
const INTERVAL_S = Number(process.env.INTERVAL ?? 30);
const INSTANCES = Number(process.env.INSTANCES ?? 3);
const WATCH_INTERVALS = Math.max(2, Number(process.env.WATCH_INTERVALS ?? 3));
/** Without PostgreSQL's server binaries (and no TEST_DATABASE_URL) only the SQLite figures can be had. */
const postgresHere = Boolean(process.env.TEST_DATABASE_URL) || hasPostgres();
const ENGINES = (process.env.ENGINES ?? 'postgresql,sqlite').split(',').filter((e) => e !== 'postgresql' || postgresHere) as Array<'postgresql' | 'sqlite'>;
if (!postgresHere) console.log('cluster-scale: no PostgreSQL server binaries here (see PG_BIN); SQLite figures only');
const T = INTERVAL_S * 1000;
/** Time to claim the seeded monitors (500 a pass per instance, a pass every 2 s) with room to spare; they are first due after it. */
const claimTimeMs = (instances: number) => Math.ceil(MONITORS / (500 * instances)) * 2500 + 10_000;

interface Result {
  label: string;
  rate: number;
  perMonitor: [number, number];
  errP50: number;
  errP99: number;
  errMax: number;
  gapP99: number;
  doubles: number;
  stored: number;
  arrived: number;
  claimedMs: number;
  cpu: number[];
  rss: Array<{ rss: number; peak: number }>;
  pgCpu: number | null;
  health: string[];
  windowS: number;
}

async function run(engine: 'postgresql' | 'sqlite'): Promise<Result> {
  const instances = engine === 'postgresql' ? INSTANCES : 1;
  const label = engine === 'postgresql' ? `PostgreSQL, ${instances} instances` : 'SQLite, 1 instance';
  const target: ArrivalTarget = await startArrivalTarget();
  const databaseUrl = engine === 'postgresql' ? await createDatabase('pingboard_bench_cluster') : '';
  const env: Record<string, string> = {
    MAX_CHECKS_PER_SECOND_PER_USER: '100000',
    MAX_CHECKS_PER_SECOND_PER_HOST: '1000',
    MAX_MONITORS_PER_USER: String(MONITORS + 10),
    LOG_LEVEL: 'warn',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
  const apps: AppServer[] = await Promise.all(Array.from({ length: instances }, () => startApp({ env })));
  try {
    const client = new Client(apps[0]);
    const signup = await client.post('/api/auth/signup', { email: `bench-${Date.now()}@example.com`, password: 'cluster bench password' });
    if (signup.status !== 201) throw new Error(`signup: ${signup.status}`);
    client.token = signup.body.token;
    const created = await client.post('/api/monitors', { name: 'm0', url: `${target.url}/m/0`, intervalSeconds: INTERVAL_S });
    if (created.status !== 201) throw new Error(`monitor: ${created.status} ${JSON.stringify(created.body)}`);

    const seededAt = Date.now();
    const firstDue = seededAt + claimTimeMs(instances);
    await seedMonitors(apps[0], created.body.monitor.id, MONITORS - 1, `${target.url}/m/`, firstDue, T / MONITORS);
    const owned = async () => (await Promise.all(apps.map(health))).reduce((n, h) => n + h.worker.owned, 0);
    await until(`all ${MONITORS} monitors owned`, async () => (await owned()) === MONITORS, claimTimeMs(instances) + 30_000, 500);
    const claimedMs = Date.now() - seededAt;
    console.log(`${label}: ${MONITORS} monitors seeded and claimed in ${(claimedMs / 1000).toFixed(1)} s; first checks due from ${((firstDue - Date.now()) / 1000).toFixed(1)} s on`);

    // Warm-up: every monitor's first check (one interval from firstDue); then watch whole intervals.
    const from = firstDue + T;
    const to = from + WATCH_INTERVALS * T;
    await until('the warm-up interval', async () => Date.now() >= from, from - Date.now() + 10_000, 200);
    const postmaster = databaseUrl ? await postmasterPid(await adminUrl()) : null;
    const cpuBefore = apps.map((a) => cpuSeconds(a.pid));
    const pgBefore = postmaster ? serverCpuSeconds(postmaster) : 0;
    console.log(`${label}: watching ${WATCH_INTERVALS} intervals (${(WATCH_INTERVALS * INTERVAL_S).toFixed(0)} s)`);
    await until('the watch window', async () => Date.now() >= to, to - Date.now() + 10_000, 500);
    const cpu = apps.map((a, i) => cpuSeconds(a.pid) - cpuBefore[i]);
    const pgCpu = postmaster ? serverCpuSeconds(postmaster) - pgBefore : null;
    const rss = apps.map((a) => memoryMb(a.pid));

    // Per monitor, from its first arrival in the window over WATCH_INTERVALS of its own intervals
    // (half an interval of slack at the end): a window shared by all would cut through the
    // phases, which are spread over the whole interval, and miscount the monitors at its edges.
    await until('half an interval past the window', async () => Date.now() >= to + T / 2, T / 2 + 10_000, 500);
    const perMonitor: number[] = [];
    const counts: number[] = [];
    const errors: number[] = [];
    const gaps: number[] = [];
    let doubles = 0;
    for (let i = 0; i < MONITORS; i++) {
      const all = target.arrivals(`/m/${i}`);
      const s = within(all, from, to);
      counts.push(s.length);
      const first = s[0] ?? from;
      perMonitor.push(within(all, first, first + (WATCH_INTERVALS - 1) * T + T / 2).length);
      errors.push(...cadenceErrors(s, T));
      for (let k = 1; k < s.length; k++) gaps.push(Math.abs(s[k] - s[k - 1] - T));
      doubles += closePairs(all, T / 2).length;
    }
    const arrived = counts.reduce((a, b) => a + b, 0);
    // Stored: the window's check rows, once the last batches are in (a row's checkedAt is when its probe started, a moment before it arrived).
    const storedSql =
      engine === 'postgresql'
        ? `SELECT COUNT(*) AS n FROM "Check" WHERE "checkedAt" >= (to_timestamp(CAST(? AS double precision) / 1000) AT TIME ZONE 'UTC') AND "checkedAt" < (to_timestamp(CAST(? AS double precision) / 1000) AT TIME ZONE 'UTC')`
        : `SELECT COUNT(*) AS n FROM "Check" WHERE "checkedAt" >= ? AND "checkedAt" < ?`;
    let stored = 0;
    await until('the window\'s results stored', async () => (stored = await countRows(apps[0], storedSql, from, to)) >= arrived * 0.999, 15_000, 500).catch(() => undefined);
    const healths = (await Promise.all(apps.map(health))).map((h) => `${h.status}, owned ${h.worker.owned}, pending ${h.worker.pendingResults}`);
    const warnings = apps.map((a) => a.logs().split('\n').filter((l) => /"level":(40|50|60)/.test(l)).length);
    console.log(`${label}: health ${healths.join(' | ')}; warning lines in the logs ${warnings.join(' / ')}`);
    return {
      label,
      rate: arrived / ((to - from) / 1000),
      perMonitor: [Math.min(...perMonitor), Math.max(...perMonitor)],
      errP50: percentile(errors, 50),
      errP99: percentile(errors, 99),
      errMax: Math.max(...errors),
      gapP99: percentile(gaps, 99),
      doubles,
      stored,
      arrived,
      claimedMs,
      cpu,
      rss,
      pgCpu,
      health: healths,
      windowS: (to - from) / 1000,
    };
  } finally {
    await Promise.all(apps.map((a) => a.dispose()));
    await target.close();
    if (databaseUrl) await dropDatabase(databaseUrl);
  }
}

buildOnce();
console.log(`cluster-scale: ${MONITORS} monitors every ${INTERVAL_S} s (${(MONITORS / INTERVAL_S).toFixed(0)} checks/s expected), watched for ${WATCH_INTERVALS} intervals after one interval of warm-up`);
const results: Result[] = [];
for (const engine of ENGINES) results.push(await run(engine));

const f1 = (n: number) => n.toFixed(1);
const cpuPct = (s: number, r: Result) => `${((s / r.windowS) * 100).toFixed(0)} %`;
const rows: Array<[string, (r: Result) => string]> = [
  ['checks/s achieved (expected ' + (MONITORS / INTERVAL_S).toFixed(0) + ')', (r) => f1(r.rate)],
  [`arrivals per monitor in ${WATCH_INTERVALS} of its intervals`, (r) => `${r.perMonitor[0]}..${r.perMonitor[1]}`],
  ['scheduling error p50 / p99 / max (ms)', (r) => `${r.errP50} / ${r.errP99} / ${r.errMax}`],
  ['interval deviation p99 (ms)', (r) => String(r.gapP99)],
  ['double checks (< half an interval)', (r) => String(r.doubles)],
  ['results stored / arrivals', (r) => `${r.stored} / ${r.arrived}`],
  ['seeded monitors claimed in', (r) => `${f1(r.claimedMs / 1000)} s`],
  ['app CPU s per instance (share of one core)', (r) => r.cpu.map((c) => `${f1(c)} (${cpuPct(c, r)})`).join(', ')],
  ['app CPU s, all instances', (r) => f1(r.cpu.reduce((a, b) => a + b, 0))],
  ['PostgreSQL CPU s', (r) => (r.pgCpu === null ? 'n/a' : `${f1(r.pgCpu)} (${cpuPct(r.pgCpu, r)})`)],
  ['total CPU s per 1,000 checks', (r) => ((r.cpu.reduce((a, b) => a + b, 0) + (r.pgCpu ?? 0)) / ((r.rate * r.windowS) / 1000)).toFixed(2)],
  ['RSS per instance at the end, MB (peak)', (r) => r.rss.map((m) => `${m.rss.toFixed(0)} (${m.peak.toFixed(0)})`).join(', ')],
];
console.log(`\nWatched ${results.map((r) => `${r.windowS.toFixed(0)} s`).join(' / ')} on ${(await import('node:os')).cpus().length} cores.\n`);
console.log(`| | ${results.map((r) => r.label).join(' | ')} |`);
console.log(`|---|${results.map(() => '---').join('|')}|`);
for (const [name, cell] of rows) console.log(`| ${name} | ${results.map(cell).join(' | ')} |`);
process.exit(0);
