// The npm registry reachable here serves only Linux builds of platform-specific packages, so
// `npm install` writes a lockfile without the macOS/Windows/FreeBSD/Android/WASM variants of
// optional native packages (@next/swc-*, @tailwindcss/oxide-*), and `npm ci` then refuses the
// lockfile as out of sync. This adds a lockfile entry for each missing variant, carrying the
// os/cpu it is for, so `npm ci` sees a complete lockfile and skips them on this platform.
// Run after any `npm install` that rewrites package-lock.json.
import fs from 'node:fs';
import path from 'node:path';

const file = path.resolve(import.meta.dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));

function platformOf(name) {
  const os = ['darwin', 'win32', 'freebsd', 'android', 'linux', 'openbsd', 'sunos'].find((o) => name.includes(`-${o}-`));
  const cpu = ['arm64', 'x64', 'ia32', 'arm', 'wasm32'].find((c) => new RegExp(`-${c}(-|$)`).test(name));
  return { os, cpu };
}

let added = 0;
for (const [key, entry] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const depKey = `node_modules/${dep}`;
    if (lock.packages[depKey] || lock.packages[`${key}/node_modules/${dep}`]) continue;
    const { os, cpu } = platformOf(dep);
    if (!cpu) continue;
    lock.packages[depKey] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      ...(os ? { os: [os] } : {}),
      cpu: [cpu],
    };
    added++;
  }
}
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`lockfile: added ${added} platform stub entr${added === 1 ? 'y' : 'ies'}`);
