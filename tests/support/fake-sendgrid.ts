// A stand-in for SendGrid's v3 mail API on loopback: records what the app sent, and can be
// told to fail the next N requests to exercise retries.
import http from 'node:http';
import { closeServer, createRecorder, listenOnLoopback } from './recorder';

export interface ReceivedMail {
  auth: string | null;
  /** The v3 request body as sent; `any` so tests can pick fields out of it without casts. */
  body: any;
}

export interface FakeSendgrid {
  /** Base URL to use as SENDGRID_API_BASE_URL. */
  url: string;
  /** Every POST /v3/mail/send, failed ones included, in arrival order. */
  received: ReceivedMail[];
  setFailures(n: number, status?: number): void;
  waitFor(pred: (mails: ReceivedMail[]) => boolean, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export async function startFakeSendgrid(opts: { failTimes?: number; status?: number } = {}): Promise<FakeSendgrid> {
  const recorder = createRecorder<ReceivedMail>('fake SendGrid', 'mails');
  let failuresLeft = opts.failTimes ?? 0;
  let failStatus = opts.status ?? 500;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url?.split('?')[0] !== '/v3/mail/send') {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"message":"not found"}]}');
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' }).end('{"errors":[{"message":"invalid JSON"}]}');
        return;
      }
      recorder.record({ auth: req.headers.authorization ?? null, body });
      if (failuresLeft > 0) {
        failuresLeft--;
        const errors = [{ message: `fake failure (${failStatus})`, field: null, help: null }];
        res.writeHead(failStatus, { 'content-type': 'application/json' }).end(JSON.stringify({ errors }));
      } else {
        res.writeHead(202).end();
      }
    });
  });

  const port = await listenOnLoopback(server);

  return {
    url: `http://127.0.0.1:${port}`,
    received: recorder.items,
    setFailures(n, status) {
      failuresLeft = n;
      if (status !== undefined) failStatus = status;
    },
    waitFor(pred, timeoutMs = 10_000) {
      return recorder.waitFor(pred, timeoutMs);
    },
    close: () => closeServer(server),
  };
}
