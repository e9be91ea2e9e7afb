import { randomBytes } from 'node:crypto';
import os from 'node:os';

/** A distinct id for this process: readable in logs (host and pid), unique across restarts. */
export function newInstanceId(): string {
  return `${os.hostname().slice(0, 40)}-${process.pid}-${randomBytes(4).toString('hex')}`;
}
