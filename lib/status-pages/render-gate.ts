import { html, raw } from './html';
import { BASE_CSS } from './render-page';

// The page a visitor of a password-protected status page sees first. It names nothing about the
// page behind it (not even its title), works without scripts like the page itself, and posts the
// password to the form's action, where the route checks it and sets the access cookie.

const GATE_CSS = `
.wrap{max-width:400px;padding-top:15vh}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:24px}
h1{font-size:1.25rem}
p{margin:8px 0 16px;color:var(--muted)}
label{display:block;font-weight:600;margin-bottom:4px}
input{display:block;width:100%;font:inherit;padding:8px 10px;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg)}
input:focus{outline:2px solid var(--link);outline-offset:1px}
button{margin-top:16px;width:100%;font:inherit;font-weight:600;padding:8px 12px;border:0;border-radius:6px;background:#1f883d;color:#fff;cursor:pointer}
button:focus-visible{outline:2px solid var(--fg);outline-offset:2px}
.error{margin:12px 0 0;color:var(--down);font-weight:600}
`;

export function renderPasswordGate(opts: { action: string; error?: string }): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark"><meta name="robots" content="noindex"><title>Protected status page</title>
<style>${raw(BASE_CSS + GATE_CSS)}</style></head>
<body><div class="wrap"><main class="card">
<h1>This status page is protected</h1>
<p>Enter the password to view it.</p>
<form method="post" action="${opts.action}">
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required autofocus${opts.error && html` aria-describedby="gate-error"`}>
${opts.error && html`<p class="error" id="gate-error" role="alert">${opts.error}</p>`}
<button type="submit">View status</button>
</form>
</main></div></body></html>
`.value;
}
