// How long a Prometheus scrape of GET /metrics takes with many monitors, against the production
// build: node --conditions=react-server --import tsx bench/metrics-scrape.ts
//   (MONITORS=10000 RUNS=50 INTERVAL=60; TEST_ENGINE=postgresql for PostgreSQL)
// One monitor is created through the API and copied N - 1 times in the database
// (support/seed-monitors.ts); then, in one statement, all but one in 250 are switched on, one in
// 100 points at a closed loopback port (down), and one in three gets a certificate expiry (as
// https monitors have), all UP, as a running install's monitors are. Their first checks are due
// spread over one interval, as monitors made over time would be: 10,000 first checks at once,
// each a status change from PENDING, starve a busy 2-core machine (and PostgreSQL's connection
// pool), which is not what this measures. The worker claims and checks them all (every INTERVAL s on one loopback
// target; nothing leaves 127.0.0.1), and once every active one has a stored check, RUNS scrapes
// asking for gzip (as Prometheus does by default) and RUNS without are timed, alternately, from
// request to the last byte, while the worker goes on checking. Prints p50/p95/max of each, the
// payload and its series. Asserts nothing but that the scrape parses.
import { freePort, startApp } from '../tests/support/app-server';
import { startTarget } from '../tests/support/target-server';
import { Api, waitFor } from '../tests/support/api';
import { queryDb } from '../tests/support/app-db';
import { parseExposition, samplesOf } from '../tests/support/prometheus-text';
import { seedMonitors } from './support/seed-monitors';
import buildOnce from '../tests/support/build-once';
import { monitorName } from './support/seed-dashboard';

const MONITORS = Number(process.env.MONITORS ?? 10_000);
const RUNS = Number(process.env.RUNS ?? 50);
const INTERVAL = Number(process.env.INTERVAL ?? 60);
const TOKEN = 'bench-metrics-token-0123456789abcdef';

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];
const ms = (n: number) => `${n.toFixed(1)} ms`;

buildOnce();
const closedPort = await freePort();
const [app, target] = await Promise.all([startApp({ env: { METRICS_TOKEN: TOKEN, MAX_MONITORS_PER_USER: String(MONITORS + 10) } }), startTarget(200)]);
try {
  const api = new Api(app.url);
  await api.signup('metrics-bench@example.com');
  // Created paused, so the worker leaves the copies alone until they are switched on with their final settings.
  const created = await api.post('/api/monitors', { name: monitorName(0), url: `${target.url}svc/0`, intervalSeconds: INTERVAL, active: false });
  if (created.status !== 201) throw new Error(`create failed: ${created.status} ${JSON.stringify(created.body)}`);
  const templateId = created.body.monitor.id as string;
  const seedStart = Date.now();
  await seedMonitors(app, templateId, MONITORS - 1, `${target.url}svc/`, seedStart + 5000, (INTERVAL * 1000) / MONITORS);
  const pg = app.engine === 'postgresql';
  const i = `(CASE WHEN "id" LIKE 'seed-%' THEN CAST(SUBSTR("id", 6) AS INTEGER) ELSE 0 END)`;
  const certAt = pg ? `to_timestamp(CAST(? AS bigint) / 1000 + ${i} * 3600) AT TIME ZONE 'UTC'` : `CAST(? + ${i} * 3600000 AS INTEGER)`;
  await queryDb(
    app,
    `UPDATE "Monitor" SET
       "active" = CASE WHEN ${i} % 250 = 249 THEN ${pg ? 'false' : '0'} ELSE ${pg ? 'true' : '1'} END,
       "url" = CASE WHEN ${i} % 100 = 99 THEN CAST(? AS TEXT) || CAST(${i} AS TEXT) ELSE "url" END,
       "certExpiresAt" = CASE WHEN ${i} % 3 = 0 THEN ${certAt} ELSE NULL END,
       "status" = 'UP'
     WHERE "userId" = (SELECT "userId" FROM "Monitor" WHERE "id" = ?)`,
    `http://127.0.0.1:${closedPort}/svc/`,
    Date.now() + 30 * 86_400_000,
    templateId,
  );
  const active = MONITORS - Math.floor((MONITORS + 1) / 250);
  await waitFor(async () => ((await api.get('/api/healthz')).body?.worker?.owned ?? 0) >= active - 1, 120_000, `the worker to claim ${active} monitors`);
  console.log(`seeded ${MONITORS} monitors (${active} active, checked every ${INTERVAL} s on loopback) and claimed in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);

  const scrape = async (encoding: string) => {
    const started = performance.now();
    const res = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}`, 'accept-encoding': encoding } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`scrape answered ${res.status}: ${body.slice(0, 200)}`);
    return { ms: performance.now() - started, body, encoding: res.headers.get('content-encoding') ?? 'identity' };
  };
  // Every active monitor checked once before timing (its summary is written with its first
  // result), so each has its checks_total series. Polled in the database: parsing a scrape here
  // would stall the target server, which runs in this process.
  const firstRound = Date.now();
  let checked = 0;
  let said = Date.now();
  await waitFor(async () => {
    const [row] = await queryDb<{ n: number }>(app, `SELECT COUNT(*) AS "n" FROM "Monitor" WHERE "active" = ${pg ? 'true' : '1'} AND "lastCheckedAt" IS NOT NULL`);
    checked = Number(row.n);
    if (Date.now() - said > 10_000) {
      said = Date.now();
      const health = (await api.get('/api/healthz')).body?.worker;
      console.log(`  ${checked} of ${active} checked and stored; worker ${JSON.stringify(health)}`);
    }
    return checked >= active;
  }, 300_000, 'a stored check of every active monitor');
  console.log(`first round of checks stored in ${((Date.now() - firstRound) / 1000).toFixed(1)} s`);
  const counted = parseExposition((await scrape('identity')).body);

  // Prometheus asks for gzip by default (Next compresses the answer); without it (enable_compression: false) it is plain text.
  const timings = new Map<string, number[]>();
  let last = '';
  for (let r = 0; r < RUNS; r++) {
    for (const encoding of ['gzip', 'identity']) {
      const { ms: took, body, encoding: got } = await scrape(encoding);
      if (got !== encoding) throw new Error(`asked for ${encoding}, got ${got}`);
      timings.set(encoding, [...(timings.get(encoding) ?? []), took]);
      last = body;
    }
  }
  const e = parseExposition(last);
  const perMonitor = e.samples.filter((s) => s.name.startsWith('pingboard_monitor_')).length;
  const up = samplesOf(counted, 'pingboard_monitor_up');
  for (const [encoding, times] of timings) {
    console.log(`${MONITORS} monitors (${app.engine}), ${encoding}: ${RUNS} scrapes p50 ${ms(quantile(times, 0.5))}, p95 ${ms(quantile(times, 0.95))}, max ${ms(Math.max(...times))}`);
  }
  console.log(
    `payload ${(Buffer.byteLength(last) / 1024 / 1024).toFixed(2)} MiB, ${e.samples.length} samples (${perMonitor} per-monitor); ` +
      `up ${up.filter((s) => s.value === 1).length}, down ${up.filter((s) => s.value === 0).length}, no verdict ${up.filter((s) => s.value === -1).length}`,
  );
} finally {
  await Promise.all([app.dispose(), target.close()]);
}
process.exit(0);
