// A real SMTP server on loopback (smtp-server): records each message's envelope and raw text,
// optionally requires a user name and password, and can be told to refuse the next messages
// with a reply code (4xx temporary, 5xx permanent) to exercise the mailer's error mapping.
import { SMTPServer } from 'smtp-server';
import { closeServer, createRecorder, listenOnLoopback } from './recorder';

export interface ReceivedSmtpMail {
  from: string | null;
  to: string[];
  /** The message as transmitted: headers, blank line, body. */
  raw: string;
  /** The user name the client authenticated as, when auth is on. */
  user: string | null;
  /** One header's value (first occurrence, unfolded, encoded words decoded), or null. */
  header(name: string): string | null;
}

export interface FakeSmtp {
  host: '127.0.0.1';
  port: number;
  received: ReceivedSmtpMail[];
  /** Refuse the next `times` messages at the end of DATA with this reply. */
  reject(code: number, message?: string, times?: number): void;
  waitFor(pred: (mails: ReceivedSmtpMail[]) => boolean, timeoutMs?: number): Promise<ReceivedSmtpMail[]>;
  close(): Promise<void>;
}

/** RFC 2047 encoded words (=?UTF-8?Q?...?= and =?UTF-8?B?...?=) back to text; the space between two of them dropped. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?[^?]+\?([QqBb])\?([^?]*)\?=/g, (_, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
    );
}

function headerOf(raw: string, name: string): string | null {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? decodeWords(line.slice(name.length + 1).trim()) : null;
}

export async function startFakeSmtp(opts: { auth?: { user: string; pass: string } } = {}): Promise<FakeSmtp> {
  const recorder = createRecorder<ReceivedSmtpMail>('fake SMTP', 'mails');
  let rejection: { code: number; message: string; left: number } | null = null;

  const server = new SMTPServer({
    secure: false,
    logger: false,
    authOptional: !opts.auth,
    allowInsecureAuth: true,
    disabledCommands: opts.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    onAuth(auth, _session, callback) {
      if (opts.auth && auth.username === opts.auth.user && auth.password === opts.auth.pass) return callback(null, { user: auth.username });
      const err = Object.assign(new Error('Invalid username or password'), { responseCode: 535 });
      callback(err);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (rejection && rejection.left > 0) {
          rejection.left -= 1;
          return callback(Object.assign(new Error(rejection.message), { responseCode: rejection.code }));
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
        recorder.record({
          from,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          user: typeof session.user === 'string' ? session.user : null,
          header: (name) => headerOf(raw, name),
        });
        callback(null, 'Queued as fake');
      });
    },
  });

  const port = await listenOnLoopback(server);

  return {
    host: '127.0.0.1',
    port,
    received: recorder.items,
    reject(code, message = `Refused by the fake (${code})`, times = 1) {
      rejection = { code, message, left: times };
    },
    waitFor(pred, timeoutMs = 5_000) {
      return recorder.waitFor(pred, timeoutMs);
    },
    close: () => closeServer(server),
  };
}
