// `npm test`: build the production app once if sources changed, run every Vitest project,
// then print one plain summary line that CI can read.
//
// Four Vitest runs. First unit and e2e (the browser is the heaviest thing here, and alone).
// Then the integration tests on SQLite and on PostgreSQL at the same time: each run takes one
// file at a time, so a 2-core machine holds two files' servers, and the two runs together take
// the time of the longer one (about 7 minutes) instead of the sum (about 12).
// PINGBOARD_TEST_SERIAL=1 runs them one after the other, for a machine too slow for that.
// Last, alone, the cluster project: several instances on one PostgreSQL database, each test
// file starting several servers that check many targets.
// The PostgreSQL run's output is kept in test-results/vitest-postgresql.log and printed after
// the SQLite run's. Each run writes its own JSON report; test-results/vitest.json is their sum,
// and so is the summary line. With your own `--project` arguments there is one run, with exactly those.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const results = path.join(root, 'test-results');
const report = path.join(results, 'vitest.json');
fs.mkdirSync(results, { recursive: true });
fs.rmSync(report, { force: true });

/** Runs node with args; resolves to the exit code. `log`: output to that file instead of the terminal. */
function node(args, log) {
  return new Promise((resolve) => {
    const out = log ? fs.openSync(log, 'w') : 'inherit';
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', out, out] });
    child.on('exit', (code, signal) => {
      if (log) fs.closeSync(out);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

// Build before Vitest starts, so the integration and e2e projects never build twice at once.
const built = await node(['--import', 'tsx', '-e', "import('./tests/support/build-once.ts').then((m) => m.default())"]);
if (built !== 0) process.exit(built);

const userArgs = process.argv.slice(2);
const ownProjects = userArgs.some((a) => a === '--project' || a.startsWith('--project='));
const serial = process.env.PINGBOARD_TEST_SERIAL === '1';

/** One Vitest run of some projects; `buffered` keeps its output in a log file, printed later. */
async function run(name, projects, { buffered = false } = {}) {
  const file = path.join(results, `vitest-${name}.json`);
  const log = buffered ? path.join(results, `vitest-${name}.log`) : undefined;
  fs.rmSync(file, { force: true });
  const started = Date.now();
  const code = await node(
    [
      vitest,
      'run',
      ...projects.flatMap((p) => ['--project', p]),
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${file}`,
      // A file filter may match nothing in one of the runs; the total is checked below.
      ...(ownProjects ? [] : ['--passWithNoTests']),
      ...userArgs,
    ],
    log,
  );
  return { name: projects.join(', ') || 'vitest', code, seconds: Math.round((Date.now() - started) / 1000), file, log };
}

const finished = [];
if (ownProjects) {
  finished.push(await run('vitest', []));
} else {
  finished.push(await run('unit-e2e', ['unit', 'e2e']));
  if (serial) {
    finished.push(await run('sqlite', ['integration']));
    finished.push(await run('postgresql', ['integration-postgresql']));
  } else {
    finished.push(...(await Promise.all([run('sqlite', ['integration']), run('postgresql', ['integration-postgresql'], { buffered: true })])));
  }
  finished.push(await run('cluster', ['cluster']));
}

const reports = [];
for (const r of finished) {
  if (r.log) {
    console.log(`\n──── ${r.name} (from ${path.relative(root, r.log)}) ────`);
    process.stdout.write(fs.readFileSync(r.log, 'utf8'));
  }
}
console.log('');
for (const r of finished) {
  if (fs.existsSync(r.file)) {
    const json = JSON.parse(fs.readFileSync(r.file, 'utf8'));
    reports.push(json);
    console.log(`${r.name}: ${json.numPassedTests} passed, ${json.numFailedTests} failed in ${r.seconds} s${r.code !== 0 ? ` (exit ${r.code})` : ''}`);
  } else {
    console.log(`${r.name}: no report (exit ${r.code}) after ${r.seconds} s`);
  }
}

let failed = finished.some((r) => r.code !== 0) || reports.length < finished.length;
if (reports.length > 0) {
  const sum = (key) => reports.reduce((n, r) => n + (r[key] ?? 0), 0);
  const counts = ['numTotalTestSuites', 'numPassedTestSuites', 'numFailedTestSuites', 'numPendingTestSuites', 'numTotalTests', 'numPassedTests', 'numFailedTests', 'numPendingTests', 'numTodoTests'];
  const merged = {
    ...reports[0],
    ...Object.fromEntries(counts.map((k) => [k, sum(k)])),
    startTime: Math.min(...reports.map((r) => r.startTime)),
    success: !failed && reports.every((r) => r.success),
    testResults: reports.flatMap((r) => r.testResults ?? []),
  };
  fs.writeFileSync(report, JSON.stringify(merged));
  const skipped = merged.numPendingTests + merged.numTodoTests;
  console.log(`\nTests: ${merged.numPassedTests} passed, ${merged.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
  if (merged.numTotalTests === 0) failed = true;
}
process.exit(failed ? 1 : 0);
