// One app process's view of the JWT key, for tests/unit/db/jwt-secret-shared.test.ts: run with
// `node --conditions=react-server --import tsx` and the app's environment (DATABASE_URL,
// DATA_DIR, JWT_SECRET), it prints one JSON line: what getJwtKey() did before loading, the key
// loadJwtKey() gave, and what getJwtKey() gives after.
import { getJwtKey, loadJwtKey } from '@/lib/auth/jwt-secret';
import { disconnectDb } from '@/lib/db/client';

const text = (key: Uint8Array) => Buffer.from(key).toString('utf8');

let before: string;
try {
  before = `key ${text(getJwtKey())}`;
  // Forget it, so loadJwtKey() below does its own loading.
  (globalThis as { __pingboardJwtKey?: Uint8Array }).__pingboardJwtKey = undefined;
} catch (err) {
  before = `error ${(err as Error).message}`;
}
try {
  const loaded = text(await loadJwtKey());
  console.log(JSON.stringify({ before, loaded, after: text(getJwtKey()) }));
} finally {
  await disconnectDb();
}
