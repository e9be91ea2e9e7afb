// `npm run bench [name...]`: runs every bench/*.ts (or those whose name contains an argument),
// one at a time, each in its own process so none measures another's leftovers. The
// react-server condition resolves the server-only marker to its empty module, as Next does.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const dir = import.meta.dirname;
const filters = process.argv.slice(2);
const benches = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

const results: Array<[string, number | null, number]> = [];
for (const file of benches) {
  console.log(`\n=== ${file}`);
  const started = Date.now();
  const run = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.join(dir, file)], { stdio: 'inherit', cwd: path.dirname(dir) });
  results.push([file, run.status, Date.now() - started]);
}

console.log('\n=== summary');
for (const [file, status, ms] of results) {
  console.log(`${status === 0 ? 'ok  ' : 'FAIL'} ${file.padEnd(28)} exit ${status}  ${(ms / 1000).toFixed(1)} s`);
}
process.exit(results.every(([, status]) => status === 0) ? 0 : 1);
