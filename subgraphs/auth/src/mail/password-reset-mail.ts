// The password-reset message. The token travels only in the link (PASSWORD_RESET_URL?token=...).
import { escapeHtml, tokenLink } from './compose.ts';
import type { OutgoingMail } from './mailer.ts';

export const passwordResetLink = tokenLink;

export function passwordResetMail(input: { to: string; link: string; validMinutes: number }): OutgoingMail {
  const text = [
    'Someone asked to reset the password of your Tracklore account.',
    '',
    `To choose a new password, open this link within ${input.validMinutes} minutes:`,
    input.link,
    '',
    'The link works once. If you did not ask for this, ignore this mail: your password stays as it is.',
  ].join('\n');
  const html = `<p>Someone asked to reset the password of your Tracklore account.</p>
<p>To choose a new password, open this link within ${input.validMinutes} minutes:<br><a href="${escapeHtml(input.link)}">Reset your password</a></p>
<p>The link works once. If you did not ask for this, ignore this mail: your password stays as it is.</p>`;
  return { to: input.to, subject: 'Reset your Tracklore password', text, html };
}
