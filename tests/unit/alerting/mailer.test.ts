import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Mailer } from '@/lib/alerting/channel-types';
import { createMailer } from '@/lib/alerting/email/mailer';
import { emailProvider, NOT_CONFIGURED } from '@/lib/alerting/providers/email';
import { createOutboundHttp } from '@/lib/alerting/outbound-http';
import { mailerConfigFrom } from '@/lib/alerting/provider-env';
import type { Env } from '@/lib/env';
import { DOWN, TEST, UP, deliveryFailure, fakeContext, tableLookup } from '@/tests/support/channel-fixtures';
import { startFakeSendgrid, type FakeSendgrid } from '@/tests/support/fake-sendgrid';
import { startFakeSmtp, type FakeSmtp } from '@/tests/support/fake-smtp';

// Email channels through both transports: a real SMTP server on loopback and the SendGrid
// fake; Message-ID carries the event id; replies map to temporary or permanent failures.

const http = createOutboundHttp({ policy: { blockPrivateTargets: true }, timeoutMs: 3_000, lookup: tableLookup({}) });
const FROM = 'Pingboard <alerts@pingboard.test>';
const settings = emailProvider.settings.parse({ address: 'Owner@Example.com' });

let smtp: FakeSmtp;
let authSmtp: FakeSmtp;
let sendgrid: FakeSendgrid;

beforeAll(async () => {
  [smtp, authSmtp, sendgrid] = await Promise.all([startFakeSmtp(), startFakeSmtp({ auth: { user: 'mailer', pass: 'hunter2-password' } }), startFakeSendgrid()]);
});
afterAll(() => Promise.all([smtp.close(), authSmtp.close(), sendgrid.close()]));
beforeEach(() => {
  smtp.received.length = 0;
  authSmtp.received.length = 0;
  sendgrid.received.length = 0;
  sendgrid.setFailures(0, 500);
});

const smtpMailer = (fake: FakeSmtp, auth?: { user: string; password: string }): Mailer =>
  createMailer({ smtp: { host: fake.host, port: fake.port, secure: false, from: FROM, timeoutMs: 5_000, ...auth }, sendgrid: null });
const sendgridMailer = (): Mailer => createMailer({ smtp: null, sendgrid: { apiKey: 'SG.unit-key', baseUrl: sendgrid.url, from: FROM } });
const send = (mailer: Mailer, event = DOWN) => emailProvider.send(settings, event, fakeContext('http://127.0.0.1:9', { mailer }));

describe('email over SMTP', () => {
  it('delivers with Message-ID <eventId@pingboard>, the subject, and both parts', async () => {
    const result = await send(smtpMailer(smtp));
    expect(result.providerStatus).toBe(250);
    const [mail] = smtp.received;
    expect(mail.from).toBe('alerts@pingboard.test');
    expect(mail.to).toEqual(['owner@example.com']);
    expect(mail.header('Message-ID')).toBe(`<${DOWN.eventId}@pingboard>`);
    expect(mail.header('X-Pingboard-Event-Id')).toBe(DOWN.eventId);
    expect(mail.header('Subject')).toBe('[DOWN] Checkout "API" (https://shop.example/health)');
    expect(mail.raw).toContain('multipart/alternative');
    expect(mail.raw).toContain('Checkout "API" is down.');
    expect(mail.raw).toContain(`Event id: ${DOWN.eventId}`);
  });

  it('marks test messages and says when the outage alert was not delivered', async () => {
    await send(smtpMailer(smtp), TEST);
    await send(smtpMailer(smtp), UP);
    const [test, up] = smtp.received;
    expect(test.header('Subject')).toMatch(/^\[TEST\] \[DOWN\] Pingboard test/);
    expect(test.raw).toContain('Test message from Pingboard');
    expect(up.raw).toContain('could not be delivered on this channel');
  });

  it('authenticates when a user is set', async () => {
    await send(smtpMailer(authSmtp, { user: 'mailer', password: 'hunter2-password' }));
    expect(authSmtp.received[0].user).toBe('mailer');
    const err = await deliveryFailure(send(smtpMailer(authSmtp, { user: 'mailer', password: 'wrong-password' })));
    expect(err.permanent).toBe(true);
    expect(err.message).toMatch(/SMTP authentication failed/);
    expect(err.message).not.toContain('wrong-password');
  });

  it('treats a 4xx reply as temporary and a 5xx reply as permanent', async () => {
    smtp.reject(451, 'Try again later');
    const soft = await deliveryFailure(send(smtpMailer(smtp)));
    expect(soft).toMatchObject({ permanent: false, providerStatus: 451 });
    smtp.reject(550, 'Mailbox unavailable');
    const hard = await deliveryFailure(send(smtpMailer(smtp)));
    expect(hard).toMatchObject({ permanent: true, providerStatus: 550 });
    expect(hard.message).toContain('550');
    expect(smtp.received).toHaveLength(0);
  });

  it('treats a refused connection as temporary', async () => {
    const gone = await startFakeSmtp();
    const { port } = gone;
    await gone.close();
    const mailer = createMailer({ smtp: { host: '127.0.0.1', port, secure: false, from: FROM, timeoutMs: 3_000 }, sendgrid: null });
    const err = await deliveryFailure(send(mailer));
    expect(err.permanent).toBe(false);
    expect(err.message).toContain(`127.0.0.1:${port}`);
  });

  it('refuses a metadata SMTP host without connecting', async () => {
    const mailer = createMailer({ smtp: { host: '169.254.169.254', port: 25, secure: false, from: FROM }, sendgrid: null });
    expect(await deliveryFailure(send(mailer))).toMatchObject({ permanent: true });
  });
});

describe('email over SendGrid', () => {
  it('posts v3 mail/send with the key, both parts and the Message-ID header', async () => {
    expect(await send(sendgridMailer())).toEqual({ providerStatus: 202 });
    const [{ auth, body }] = sendgrid.received;
    expect(auth).toBe('Bearer SG.unit-key');
    expect(body.personalizations).toEqual([{ to: [{ email: 'owner@example.com' }] }]);
    expect(body.from).toEqual({ email: 'alerts@pingboard.test', name: 'Pingboard' });
    expect(body.subject).toBe('[DOWN] Checkout "API" (https://shop.example/health)');
    expect(body.content.map((c: { type: string }) => c.type)).toEqual(['text/plain', 'text/html']);
    expect(body.headers).toEqual({ 'Message-ID': `<${DOWN.eventId}@pingboard>`, 'X-Pingboard-Event-Id': DOWN.eventId });
    expect(body.tracking_settings.click_tracking).toEqual({ enable: false, enable_text: false });
  });

  it('treats 5xx as temporary and 401 as permanent, without the key in the message', async () => {
    sendgrid.setFailures(1, 500);
    expect(await deliveryFailure(send(sendgridMailer()))).toMatchObject({ permanent: false, providerStatus: 500 });
    sendgrid.setFailures(1, 401);
    const denied = await deliveryFailure(send(sendgridMailer()));
    expect(denied).toMatchObject({ permanent: true, providerStatus: 401 });
    expect(denied.message).toMatch(/^SendGrid: /);
    expect(denied.message).not.toContain('SG.unit-key');
  });
});

describe('mail transport choice', () => {
  const env = (over: Partial<Env>) => ({ ALERT_EMAIL_FROM: FROM, SMTP_PORT: 587, SMTP_SECURE: false, SENDGRID_API_BASE_URL: 'https://api.sendgrid.com', ...over }) as Env;

  it('uses SMTP when SMTP_HOST is set, else SendGrid when its key is set, else nothing', () => {
    expect(mailerConfigFrom(env({ SMTP_HOST: 'mail.example', SENDGRID_API_KEY: 'SG.x' })).smtp).toMatchObject({ host: 'mail.example', port: 587 });
    expect(mailerConfigFrom(env({ SENDGRID_API_KEY: 'SG.x' }))).toMatchObject({ smtp: null, sendgrid: { apiKey: 'SG.x' } });
    expect(mailerConfigFrom(env({ SENDGRID_API_KEY: '  ' }))).toEqual({ smtp: null, sendgrid: null });
    expect(createMailer(mailerConfigFrom(env({}))).transport).toBeNull();
  });

  it('fails permanently, saying what to set, when no transport is configured', async () => {
    const err = await deliveryFailure(send(createMailer({ smtp: null, sendgrid: null })));
    expect(err).toMatchObject({ permanent: true, message: NOT_CONFIGURED });
  });
});
