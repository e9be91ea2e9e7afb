// `npm run user:add -- <email>`: the operator adds an account, for servers that run with
// SIGNUP=closed. The password comes from PINGBOARD_PASSWORD or standard input (typed without
// echo on a terminal, or piped). The account is made by the same service code and schema as
// sign-up, in the database the server uses (DATA_DIR / DATABASE_URL, migrated first so an
// empty install works too). Runs under the react-server condition like the benches, because
// lib modules import 'server-only'.
import { signupSchema } from '@/lib/schemas/auth';
import { migrateConfiguredDatabase } from '@/lib/db/client';
import { addUser } from '@/lib/services/account';
import { DomainError } from '@/lib/errors';
import { getEnv } from '@/lib/env';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** Reads one line from a terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let typed = '';
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          resolve(typed);
          return;
        }
        if (ch === '\u0003') fail('\nCancelled.');
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPassword(): Promise<string> {
  if (process.env.PINGBOARD_PASSWORD !== undefined) return process.env.PINGBOARD_PASSWORD;
  if (process.stdin.isTTY) return promptHidden('Password: ');
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  // A piped password ends with one newline (echo, a file); anything else in it is the password.
  return text.replace(/\r?\n$/, '');
}

const email = process.argv[2];
if (!email || process.argv.length > 3) fail('Usage: npm run user:add -- <email>   (password from PINGBOARD_PASSWORD or standard input)');

const parsed = signupSchema.safeParse({ email, password: await readPassword() });
if (!parsed.success) fail(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));

try {
  await migrateConfiguredDatabase();
  const user = await addUser(parsed.data);
  console.log(`Added ${user.email}; they can log in at ${getEnv().APP_URL}/login`);
  process.exit(0);
} catch (err) {
  fail(err instanceof DomainError ? err.message : `Could not add the user: ${err instanceof Error ? err.message : String(err)}`);
}
