// `npm run mail-catcher`: the development mail catcher. A real SMTP listener (where the auth
// subgraph's SMTP_URL points by default) and a tiny web page listing what arrived, each mail with
// its links clickable (the password-reset link). Mail lives in memory only.
// Env: MAIL_SMTP_PORT (1025), MAIL_UI_PORT (8025), MAIL_CATCHER_HOST (127.0.0.1). GET /health answers 200.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createSmtpCapture, type CapturedMail } from '@tracklore/devkit/smtp-capture';

export interface MailCatcherOptions {
  /** Listen address of both servers. Default 127.0.0.1. */
  host?: string;
  /** SMTP port; 0 picks a free one. Default 1025. */
  smtpPort?: number;
  /** HTTP port; 0 picks a free one. Default 8025. */
  httpPort?: number;
}

export interface MailCatcher {
  smtpUrl: string;
  webUrl: string;
  stop(): Promise<void>;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };
const decodeEntities = (text: string): string => text.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, name: string) => ENTITIES[name] ?? '');

/** Every http(s) link in a mail's text and HTML hrefs, in order, without duplicates. */
export function linksOf(mail: Pick<CapturedMail, 'text' | 'html'>): string[] {
  const found = [
    // Sentence punctuation right after a link is not part of it.
    ...(mail.text.match(/https?:\/\/[^\s<>"')\]]+/g) ?? []).map((link) => link.replace(/[.,;:!?]+$/, '')),
    ...[...(mail.html ?? '').matchAll(/href\s*=\s*["']([^"']+)["']/gi)].map((m) => decodeEntities(m[1] ?? '')),
  ];
  return [...new Set(found.filter((link) => /^https?:\/\//i.test(link)))];
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${escapeHtml(title)} · Mail catcher</title>
<style>body{font-family:system-ui,sans-serif;max-width:56rem;margin:0 auto;padding:1rem;color:#1b1f2a}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.4rem;border-bottom:1px solid #dde1ea;vertical-align:top}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f5f6fa;padding:.75rem;border-radius:6px}
.links a{display:block;overflow-wrap:anywhere;margin:.25rem 0}.muted{color:#5b6275}</style></head>
<body>${body}</body></html>`;
}

export function renderList(mails: readonly CapturedMail[]): string {
  const rows = [...mails]
    .reverse()
    .map(
      (m) =>
        `<tr><td><a href="/mails/${m.id}">${escapeHtml(m.subject || '(no subject)')}</a></td><td>${escapeHtml(m.to.join(', '))}</td><td class="muted">${escapeHtml(m.receivedAt.toISOString())}</td></tr>`,
    )
    .join('');
  const table = rows
    ? `<table><thead><tr><th>Subject</th><th>To</th><th>Received</th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p class="muted">No mail yet. Point SMTP at this catcher and send some.</p>';
  return page('Inbox', `<h1>Captured mail</h1><p class="muted">Newest first. Reload to see new mail.</p>${table}`);
}

export function renderMail(mail: CapturedMail): string {
  // The mail's HTML is shown as source, never rendered: this page must not run what a mail carries.
  const links = linksOf(mail)
    .map((link) => `<a href="${escapeHtml(link)}" rel="noreferrer noopener">${escapeHtml(link)}</a>`)
    .join('');
  return page(
    mail.subject,
    `<p><a href="/">← All mail</a></p><h1>${escapeHtml(mail.subject || '(no subject)')}</h1>
<table><tr><th>From</th><td>${escapeHtml(mail.from)}</td></tr><tr><th>To</th><td>${escapeHtml(mail.to.join(', '))}</td></tr>
<tr><th>Received</th><td>${escapeHtml(mail.receivedAt.toISOString())}</td></tr></table>
<h2>Links</h2><div class="links">${links || '<p class="muted">None.</p>'}</div>
<h2>Text</h2><pre>${escapeHtml(mail.text)}</pre>${mail.html ? `<h2>HTML source</h2><pre>${escapeHtml(mail.html)}</pre>` : ''}`,
  );
}

export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<MailCatcher> {
  const host = options.host ?? '127.0.0.1';
  const smtp = createSmtpCapture({ host, port: options.smtpPort ?? 1025 });
  await smtp.start();

  const send = (res: ServerResponse, status: number, type: string, body: string) => {
    res.writeHead(status, {
      'content-type': type,
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    res.end(body);
  };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'GET') return send(res, 405, 'text/plain; charset=utf-8', 'Method Not Allowed\n');
    if (path === '/health') return send(res, 200, 'application/json; charset=utf-8', '{"status":"ok"}');
    if (path === '/') return send(res, 200, 'text/html; charset=utf-8', renderList(smtp.messages));
    if (path === '/api/mails') {
      const mails = smtp.messages.map((m) => ({ id: m.id, from: m.from, to: m.to, subject: m.subject, receivedAt: m.receivedAt, text: m.text, links: linksOf(m) }));
      return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(mails));
    }
    const match = /^\/mails\/(\d+)$/.exec(path);
    const mail = match ? smtp.messages.find((m) => m.id === Number(match[1])) : undefined;
    if (mail) return send(res, 200, 'text/html; charset=utf-8', renderMail(mail));
    return send(res, 404, 'text/html; charset=utf-8', page('Not found', '<h1>Not found</h1><p><a href="/">All mail</a></p>'));
  };
  const web = createServer(handle);
  try {
    await new Promise<void>((resolve, reject) => {
      web.once('error', reject);
      web.listen(options.httpPort ?? 8025, host, () => resolve());
    });
  } catch (error) {
    await smtp.stop();
    throw error;
  }
  const { port } = web.address() as AddressInfo;
  let stopping: Promise<void> | undefined;
  return {
    smtpUrl: smtp.url,
    webUrl: `http://${host}:${port}`,
    stop() {
      stopping ??= Promise.all([
        new Promise<void>((resolve) => {
          web.close(() => resolve());
          web.closeAllConnections();
        }),
        smtp.stop(),
      ]).then(() => undefined);
      return stopping;
    },
  };
}

function portFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  const port = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name} must be a port number, got ${JSON.stringify(raw)}`);
  return port;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const catcher = await startMailCatcher({
    host: process.env.MAIL_CATCHER_HOST ?? '127.0.0.1',
    smtpPort: portFrom('MAIL_SMTP_PORT', 1025),
    httpPort: portFrom('MAIL_UI_PORT', 8025),
  });
  console.log(`mail catcher: SMTP ${catcher.smtpUrl}, inbox ${catcher.webUrl}/`);
  // Like the services: the first signal stops both servers, a second one exits at once.
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(1);
    signalled = true;
    console.log(`mail catcher: shutdown requested (${signal})`);
    void catcher.stop().then(() => {
      console.log('mail catcher: stopped');
      process.exit(0);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
