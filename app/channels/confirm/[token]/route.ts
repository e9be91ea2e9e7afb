import { confirmationPending, confirmEmailChannel } from '@/lib/services/manage-channels';

// The link in an address-confirmation email. Opening it (GET) only shows a button; pressing it
// (POST) confirms, so a mail scanner that fetches links cannot agree on the reader's behalf.

function page(title: string, body: string, status = 200): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#18181b}button{font:inherit;padding:.5rem 1rem;border-radius:.375rem;border:0;background:#18181b;color:#fff;cursor:pointer}@media(prefers-color-scheme:dark){body{background:#09090b;color:#f4f4f5}button{background:#f4f4f5;color:#18181b}}</style></head><body>${body}</body></html>`;
  return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' } });
}

export async function GET(_req: Request, ctx: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await ctx.params;
  if (!(await confirmationPending(token))) return page('Link not valid', '<h1>This link is not valid</h1><p>It may have been used already.</p>', 404);
  return page(
    'Confirm alerts',
    '<h1>Receive Pingboard alerts here?</h1><p>Someone added this email address as a notification channel.</p><form method="post"><button type="submit">Yes, send alerts to this address</button></form>',
  );
}

export async function POST(_req: Request, ctx: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await ctx.params;
  if (!(await confirmEmailChannel(token))) return page('Link not valid', '<h1>This link is not valid</h1><p>It may have been used already.</p>', 404);
  return page('Address confirmed', '<h1>Address confirmed</h1><p>Alerts for the monitors that use this channel will now arrive here.</p>');
}
