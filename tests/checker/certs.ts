// Test certificates made at test time with the openssl CLI (3.0 has no -not_after on x509,
// so the expired one is signed through `openssl ca` with explicit dates).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TestCerts {
  key: string;
  /** Self-signed for localhost/127.0.0.1, valid for 30 days. */
  selfSigned: string;
  /** Self-signed, valid only in January 2020. */
  expired: string;
}

const CA_CONFIG = `[ca]
default_ca = test_ca
[test_ca]
dir = .
database = ./index.txt
new_certs_dir = ./newcerts
serial = ./serial
default_md = sha256
policy = any_policy
unique_subject = no
copy_extensions = copy
[any_policy]
commonName = supplied
organizationName = optional
`;

export function makeTestCerts(): TestCerts {
  const dir = mkdtempSync(path.join(tmpdir(), 'pingboard-certs-'));
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  try {
    run('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'key.pem');
    const san = 'subjectAltName=DNS:localhost,IP:127.0.0.1';
    run('req', '-x509', '-key', 'key.pem', '-out', 'self.pem', '-days', '30',
      '-subj', '/CN=Pingboard Test CA/O=Pingboard', '-addext', san);
    run('req', '-new', '-key', 'key.pem', '-out', 'req.csr', '-subj', '/CN=Expired Test/O=Pingboard', '-addext', san);
    mkdirSync(path.join(dir, 'newcerts'));
    writeFileSync(path.join(dir, 'index.txt'), '');
    writeFileSync(path.join(dir, 'serial'), '01\n');
    writeFileSync(path.join(dir, 'ca.cnf'), CA_CONFIG);
    run('ca', '-batch', '-config', 'ca.cnf', '-selfsign', '-keyfile', 'key.pem', '-in', 'req.csr',
      '-startdate', '20200101000000Z', '-enddate', '20200201000000Z', '-out', 'expired.pem', '-notext');
    const read = (f: string) => readFileSync(path.join(dir, f), 'utf8');
    return { key: read('key.pem'), selfSigned: read('self.pem'), expired: read('expired.pem') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
