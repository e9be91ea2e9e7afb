import { getProviderContext } from '@/lib/alerting/provider-context';
import { escapeHtml } from '@/lib/alerting/render-text';
import { randomToken } from '@/lib/ids';

// The one message an unconfirmed address gets: a link to agree to receive alerts. Nothing
// else goes there until the link is used, so Pingboard cannot be made to mail strangers.

export function confirmationLink(appUrl: string, token: string): string {
  return `${appUrl.replace(/\/+$/, '')}/channels/confirm/${encodeURIComponent(token)}`;
}

export async function sendConfirmationEmail(address: string, token: string): Promise<void> {
  const { mailer, env } = getProviderContext();
  if (!mailer.transport) return;
  const link = confirmationLink(env.appUrl, token);
  const lead = 'Someone asked Pingboard to send uptime alerts to this address.';
  await mailer.send({
    to: address,
    subject: 'Confirm alerts from Pingboard to this address',
    text: `${lead}\n\nTo receive them, open this link and confirm:\n${link}\n\nIf you did not expect this, ignore this email: nothing will be sent to you.\n`,
    html: `<p>${escapeHtml(lead)}</p><p><a href="${escapeHtml(link)}">Confirm this address</a></p><p>If you did not expect this, ignore this email: nothing will be sent to you.</p>`,
    messageId: `<confirm-${randomToken(12)}@pingboard>`,
  });
}
