// The email-verification message. The token travels only in the link (EMAIL_VERIFICATION_URL?token=...).
import { escapeHtml, tokenLink } from './compose.ts';
import type { OutgoingMail } from './mailer.ts';

export const emailVerificationLink = tokenLink;

export function emailVerificationMail(input: { to: string; link: string; validHours: number }): OutgoingMail {
  const text = [
    'Please confirm that this address belongs to your Tracklore account.',
    '',
    `Open this link within ${input.validHours} hours:`,
    input.link,
    '',
    'The link works once. If you did not create a Tracklore account, ignore this mail.',
  ].join('\n');
  const html = `<p>Please confirm that this address belongs to your Tracklore account.</p>
<p>Open this link within ${input.validHours} hours:<br><a href="${escapeHtml(input.link)}">Verify your email address</a></p>
<p>The link works once. If you did not create a Tracklore account, ignore this mail.</p>`;
  return { to: input.to, subject: 'Verify your Tracklore email address', text, html };
}
