// Detection: how soon an outage reaches people, and how often nothing does when nothing is
// wrong. 100 monitors (1 s interval) on one loopback target whose paths all fail together and
// recover together; a webhook channel on a fake receiver. Latency is from each monitor's first
// failing (or first succeeding) response, as the target recorded it, to its DOWN (or UP) alert
// arriving. Runs: retries 0 and retries 2 with grouping off (ALERT_GROUP_WINDOW_SECONDS=0, one
// message per monitor), a healthy stretch counting false alarms, and one flip with the default
// 10 s grouping window (how many messages, how late).
//   node --conditions=react-server --import tsx bench/detection.ts
//   (MONITORS=100 DETECTION_HEALTHY_SECONDS=300; SQLite, or TEST_ENGINE=postgresql with TEST_DATABASE_URL)
import buildOnce from '../tests/support/build-once';
import { startApp, type AppServer } from '../tests/support/app-server';
import { Api } from '../tests/support/api';
import { startFakeProviders, type FakeProviders } from '../tests/support/fake-providers';
import { startArrivalTarget, type ArrivalTarget } from '../tests/cluster/support/arrival-target';
import { sleep, summary } from './engine/support';

const MONITORS = Number(process.env.MONITORS ?? 100);
const HEALTHY_SECONDS = Number(process.env.DETECTION_HEALTHY_SECONDS ?? 300);

/** One webhook request as it arrived: when, and the monitors it named (several for a group). */
interface Message {
  at: number;
  kind: string;
  monitors: string[];
}

/** Every webhook request the receiver gets, stamped on arrival (the recorder runs each pending waitFor's predicate on every arrival). */
function stampArrivals(fake: FakeProviders): Message[] {
  const messages: Message[] = [];
  fake
    .waitFor((requests) => {
      for (const r of requests.slice(messages.length)) {
        const events: Array<{ kind: string; monitor: { name: string } }> = r.json?.group ? r.json.events : [r.json];
        messages.push({ at: Date.now(), kind: r.json?.kind, monitors: events.map((e) => e.monitor.name) });
      }
      return false;
    }, 2 ** 31 - 1)
    .catch(() => {});
  return messages;
}

async function until(what: string, pred: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await pred())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

const pathOf = (name: string) => `/m/${name}`;
const names = Array.from({ length: MONITORS }, (_, i) => `svc-${i}`);

interface Setup {
  app: AppServer;
  api: Api;
  fake: FakeProviders;
  target: ArrivalTarget;
  messages: Message[];
  ids: string[];
}

async function setup(windowSeconds: number, retries: number): Promise<Setup> {
  const [app, fake, target] = await Promise.all([
    startApp({ env: { LOG_LEVEL: 'error', ALERT_GROUP_WINDOW_SECONDS: String(windowSeconds) } }),
    startFakeProviders(),
    startArrivalTarget(),
  ]);
  const messages = stampArrivals(fake);
  const api = new Api(app.url);
  await api.signup();
  const ch = await api.post('/api/channels', { kind: 'webhook', name: 'hook', settings: { url: `${fake.url}/hook` } });
  if (ch.status !== 201) throw new Error(`channel: ${ch.status} ${JSON.stringify(ch.body)}`);
  const ids: string[] = [];
  for (let i = 0; i < MONITORS; i += 25) {
    const batch = await Promise.all(
      names.slice(i, i + 25).map(async (name) => {
        const r = await api.post('/api/monitors', { name, url: target.url + pathOf(name), intervalSeconds: 1, retries, retryIntervalSeconds: 1, channelIds: [ch.body.channel.id] });
        if (r.status !== 201) throw new Error(`monitor: ${r.status} ${JSON.stringify(r.body)}`);
        return r.body.monitor.id as string;
      }),
    );
    ids.push(...batch);
  }
  await allStatus(api, 'UP', 60_000);
  return { app, api, fake, target, messages, ids };
}

async function allStatus(api: Api, status: string, timeoutMs: number): Promise<void> {
  await until(`every monitor ${status}`, async () => (await api.get('/api/monitors')).body.monitors.every((m: { status: string }) => m.status === status), timeoutMs);
}

/**
 * Sets every path to `status` at the start of a fresh millisecond, so every arrival stamped at
 * or after the returned time was answered with it (no request is handled during the spin).
 */
function flipAll(target: ArrivalTarget, status: number): number {
  const before = Date.now();
  let at = before;
  while (at === before) at = Date.now();
  target.setStatus(names.map(pathOf), status);
  return at;
}

interface FlipResult {
  label: string;
  alerts: number;
  messages: number;
  latencies: number[];
  /** From the flip itself to each alert: the latency plus the wait for the monitor's next check. */
  fromFlip: number[];
  /** Monitors whose first changed response or alert was never seen. */
  missing: number;
}

/** Flips every path to `status`, waits for `kind` alerts naming every monitor, then `settleMs` more for repeats. */
async function flip(s: Setup, label: string, status: number, kind: 'DOWN' | 'UP', settleMs: number): Promise<FlipResult> {
  const from = s.messages.length;
  const at = flipAll(s.target, status);
  const ofKind = () => s.messages.slice(from).filter((m) => m.kind === kind);
  const named = () => new Set(ofKind().flatMap((m) => m.monitors));
  await until(`${MONITORS} ${kind} alerts`, () => named().size >= MONITORS, 120_000);
  await sleep(settleMs);
  const latencies: number[] = [];
  const fromFlip: number[] = [];
  let missing = 0;
  for (const name of names) {
    const first = s.target.arrivals(pathOf(name)).find((t) => t >= at);
    const alert = ofKind().find((m) => m.monitors.includes(name));
    if (first === undefined || !alert) missing++;
    else {
      latencies.push(alert.at - first);
      fromFlip.push(alert.at - at);
    }
  }
  return { label, alerts: ofKind().reduce((n, m) => n + m.monitors.length, 0), messages: ofKind().length, latencies, fromFlip, missing };
}

const COLUMNS = ['run'.padEnd(26), 'alerts'.padStart(16), 'p50'.padStart(9), 'p95'.padStart(9), 'max'.padStart(9), 'flip p50'.padStart(10), 'flip max'.padStart(10)];
const msText = (v: number) => `${Math.round(v)} ms`;
function row(r: FlipResult): string {
  const l = summary(r.latencies);
  const f = summary(r.fromFlip);
  const count = r.messages === r.alerts ? `${r.alerts}` : `${r.alerts} in ${r.messages} msg${r.messages === 1 ? '' : 's'}`;
  const cells = [r.label.padEnd(26), count.padStart(16), ...[l.p50, l.p95, l.max].map((v) => msText(v).padStart(9)), ...[f.p50, f.max].map((v) => msText(v).padStart(10))];
  return cells.join(' ') + (r.missing ? `   (${r.missing} not seen)` : '');
}

buildOnce();
const results: FlipResult[] = [];
let healthy = '';

// Grouping off: one message per monitor, so each latency is that monitor's own.
const single = await setup(0, 0);
try {
  console.log(`detection: ${MONITORS} monitors every 1 s on one loopback target, webhook on a loopback fake (${single.app.engine})`);
  await sleep(2000);
  results.push(await flip(single, 'DOWN retries 0 window 0', 503, 'DOWN', 3000));
  results.push(await flip(single, 'UP   retries 0 window 0', 200, 'UP', 3000));

  // Healthy: every check succeeds; any alert is a false alarm.
  await allStatus(single.api, 'UP', 30_000);
  const from = single.messages.length;
  const checksBefore = single.target.total();
  const started = Date.now();
  await sleep(HEALTHY_SECONDS * 1000);
  const seconds = (Date.now() - started) / 1000;
  const alarms = single.messages.length - from;
  const notUp = (await single.api.get('/api/monitors')).body.monitors.filter((m: { status: string }) => m.status !== 'UP').length;
  const checks = single.target.total() - checksBefore;
  healthy = `healthy ${seconds.toFixed(0)} s, retries 0: ${alarms} false alarms, ${notUp} monitors not UP at the end, ${checks} checks (${(checks / seconds).toFixed(1)}/s)`;

  for (const id of single.ids) {
    const r = await single.api.patch(`/api/monitors/${id}`, { retries: 2 });
    if (r.status !== 200) throw new Error(`patch: ${r.status} ${JSON.stringify(r.body)}`);
  }
  await sleep(2000);
  results.push(await flip(single, 'DOWN retries 2 window 0', 503, 'DOWN', 3000));
  results.push(await flip(single, 'UP   retries 2 window 0', 200, 'UP', 3000));
} finally {
  await Promise.all([single.app.dispose(), single.fake.close(), single.target.close()]);
}

// The default 10 s window: alerts of one channel and kind within it go in one message.
const grouped = await setup(10, 0);
try {
  await sleep(2000);
  results.push(await flip(grouped, 'DOWN retries 0 window 10', 503, 'DOWN', 12_000));
  results.push(await flip(grouped, 'UP   retries 0 window 10', 200, 'UP', 12_000));
} finally {
  await Promise.all([grouped.app.dispose(), grouped.fake.close(), grouped.target.close()]);
}

console.log(`\np50/p95/max: first failing (or first succeeding) response at the target -> the alert naming that monitor at the receiver`);
console.log(`flip: the moment every path changed -> that alert (adds the wait for each monitor's next check)`);
console.log(COLUMNS.join(' '));
for (const r of results) console.log(row(r));
console.log(healthy);
console.log(`expected: ${MONITORS} alerts per row; retries 2 adds about 2 retry intervals (2 s) to DOWN; window 10 holds each alert up to 10 s for company`);
process.exit(0);
