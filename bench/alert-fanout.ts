// Alert fan-out: 1,000 monitors go DOWN at once, each with 3 channels (Slack, Discord and a
// webhook on fake servers that answer in 50 ms). Prints the time from the flip to the last of
// the 3,000 deliveries, and the server's CPU time over that window.
//   node --conditions=react-server --import tsx bench/alert-fanout.ts      (MONITORS=1000 INTERVAL=5 DELAY_MS=50)
import fs from 'node:fs';
import buildOnce from '../tests/support/build-once';
import { startApp } from '../tests/support/app-server';
import { startTarget } from '../tests/support/target-server';
import { startFakeProviders } from '../tests/support/fake-providers';
import { Api } from '../tests/support/api';

const MONITORS = Number(process.env.MONITORS ?? 1000);
const INTERVAL = Number(process.env.INTERVAL ?? 5);
const DELAY_MS = Number(process.env.DELAY_MS ?? 50);
const CHANNELS = 3;

/** User plus system CPU seconds of a process, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 Hz)
}

async function until(what: string, pred: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await pred())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

buildOnce();
const [app, target, fake] = await Promise.all([startApp({ env: { LOG_LEVEL: 'error' } }), startTarget(200), startFakeProviders()]);
try {
  fake.on('/', { delayMs: DELAY_MS });
  const api = new Api(app.url);
  await api.signup();
  const channelIds: string[] = [];
  for (const [kind, settings] of [
    ['slack', { webhookUrl: `${fake.url}/slack/T000/B000/x` }],
    ['discord', { webhookUrl: `${fake.url}/discord/api/webhooks/1/x` }],
    ['webhook', { url: `${fake.url}/webhook/in` }],
  ] as const) {
    const r = await api.post('/api/channels', { kind, name: kind, settings });
    if (r.status !== 201) throw new Error(`channel: ${r.status} ${JSON.stringify(r.body)}`);
    channelIds.push(r.body.channel.id);
  }
  const created = Date.now();
  for (let i = 0; i < MONITORS; i += 25) {
    await Promise.all(
      Array.from({ length: Math.min(25, MONITORS - i) }, async (_, k) => {
        const r = await api.post('/api/monitors', { name: `svc ${i + k}`, url: `${target.url}svc/${i + k}`, intervalSeconds: INTERVAL, retries: 0, channelIds });
        if (r.status !== 201) throw new Error(`monitor: ${r.status} ${JSON.stringify(r.body)}`);
      }),
    );
  }
  console.log(`alert-fanout: ${MONITORS} monitors every ${INTERVAL} s with ${CHANNELS} channels each (fakes answer in ${DELAY_MS} ms); created in ${((Date.now() - created) / 1000).toFixed(1)} s`);
  await until('every monitor UP', async () => (await api.get('/api/monitors')).body.monitors.every((m: { status: string }) => m.status === 'UP'), 120_000);

  const expected = MONITORS * CHANNELS;
  const cpuBefore = cpuSeconds(app.pid);
  const flip = Date.now();
  target.setStatus(503);
  await until(`${expected} DOWN deliveries`, () => fake.requests.length >= expected, 300_000);
  const last = Date.now();
  const cpu = cpuSeconds(app.pid) - cpuBefore;
  const byPath = new Map<string, number>();
  for (const r of fake.requests) byPath.set(r.path.split('/')[1], (byPath.get(r.path.split('/')[1]) ?? 0) + 1);
  const alerts = (await api.get(`/api/monitors`)).body.monitors.filter((m: { status: string }) => m.status === 'DOWN').length;
  console.log(`monitors DOWN: ${alerts}; deliveries received: ${fake.requests.length} (${[...byPath].map(([k, v]) => `${k} ${v}`).join(', ')})`);
  console.log(`flip -> last delivery: ${((last - flip) / 1000).toFixed(1)} s (detection takes up to one ${INTERVAL} s interval of that)`);
  console.log(`server CPU over the window: ${cpu.toFixed(1)} s (${((cpu / ((last - flip) / 1000)) * 100).toFixed(0)} % of one core)`);
} finally {
  await Promise.all([app.dispose(), target.close(), fake.close()]);
}
process.exit(0);
