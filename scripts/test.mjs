// `npm test`: build the production app once if sources changed, run every Vitest project,
// then print one plain summary line that CI can read.
//
// Three Vitest runs, one after the other: unit, integration (SQLite) and e2e, then
// integration-postgresql, then cluster (several instances on one PostgreSQL database). Both integration projects start real servers on timers, and running
// them at once would have a 2-core machine starve both. Each run writes its own JSON report;
// test-results/vitest.json is their sum, and so is the summary line.
// With your own `--project` arguments there is one run, with exactly those.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const results = path.join(root, 'test-results');
const report = path.join(results, 'vitest.json');
fs.mkdirSync(results, { recursive: true });
fs.rmSync(report, { force: true });

// Build before Vitest starts, so the integration and e2e projects never build twice at once.
const build = spawnSync(process.execPath, ['--import', 'tsx', '-e', "import('./tests/support/build-once.ts').then((m) => m.default())"], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

const userArgs = process.argv.slice(2);
const ownProjects = userArgs.some((a) => a === '--project' || a.startsWith('--project='));
const runs = ownProjects
  ? [{ name: 'vitest', projects: [] }]
  : [
      { name: 'sqlite', projects: ['unit', 'integration', 'e2e'] },
      { name: 'postgresql', projects: ['integration-postgresql'] },
      { name: 'cluster', projects: ['cluster'] },
    ];

const reports = [];
let failed = false;
for (const run of runs) {
  const file = path.join(results, `vitest-${run.name}.json`);
  fs.rmSync(file, { force: true });
  const args = [
    vitest,
    'run',
    ...run.projects.flatMap((p) => ['--project', p]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${file}`,
    // A file filter may match nothing in one of the runs; the total is checked below.
    ...(ownProjects ? [] : ['--passWithNoTests']),
    ...userArgs,
  ];
  const started = Date.now();
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  const seconds = Math.round((Date.now() - started) / 1000);
  if (result.status !== 0) failed = true;
  if (fs.existsSync(file)) {
    const r = JSON.parse(fs.readFileSync(file, 'utf8'));
    reports.push(r);
    console.log(`\n${run.projects.join(', ') || 'vitest'}: ${r.numPassedTests} passed, ${r.numFailedTests} failed in ${seconds} s${result.status !== 0 ? ` (exit ${result.status})` : ''}`);
  } else {
    console.log(`\n${run.projects.join(', ') || 'vitest'}: no report (exit ${result.status ?? result.signal}) after ${seconds} s`);
  }
}

if (reports.length > 0) {
  const sum = (key) => reports.reduce((n, r) => n + (r[key] ?? 0), 0);
  const merged = {
    ...reports[0],
    ...Object.fromEntries(
      ['numTotalTestSuites', 'numPassedTestSuites', 'numFailedTestSuites', 'numPendingTestSuites', 'numTotalTests', 'numPassedTests', 'numFailedTests', 'numPendingTests', 'numTodoTests'].map((k) => [k, sum(k)]),
    ),
    startTime: Math.min(...reports.map((r) => r.startTime)),
    success: !failed && reports.every((r) => r.success),
    testResults: reports.flatMap((r) => r.testResults ?? []),
  };
  fs.writeFileSync(report, JSON.stringify(merged));
  const skipped = merged.numPendingTests + merged.numTodoTests;
  console.log(`\nTests: ${merged.numPassedTests} passed, ${merged.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
  if (merged.numTotalTests === 0) failed = true;
}
process.exit(failed || reports.length < runs.length ? 1 : 0);
