// Password reset by mail. The request always answers true and does its work in the background,
// so neither the answer nor its timing tells whether an account exists. The mail is a job in
// mail_outbox, written in the transaction that stores the token, so an SMTP outage delays it
// instead of losing it (outbox/mail-sender.ts delivers it).
import { badInput } from '@tracklore/shared/errors';
import { passwordResetLink, passwordResetMail } from '../mail/password-reset-mail.ts';
import { insertMailJob } from '../repositories/mail-outbox.ts';
import { consumeResetToken, createResetToken, findUsableResetToken } from '../repositories/reset-tokens.ts';
import { revokeUserSessions } from '../repositories/sessions.ts';
import { findUserByEmail, updatePasswordHash } from '../repositories/users.ts';
import { addressKey, rateLimitKeys } from './accounts.ts';
import type { AuthDeps, ClientInfo } from './deps.ts';
import { parseEmail } from './email.ts';
import { assertPasswordAllowed } from './password-policy.ts';
import { hashToken, looksLikeOpaqueToken, newOpaqueToken } from './secrets.ts';

export async function requestPasswordReset(deps: AuthDeps, input: { email: string }, client: ClientInfo): Promise<true> {
  await deps.limiter.attempt(rateLimitKeys.resetAddress(addressKey(client)), deps.config.rateLimits.resetAddress);
  const email = parseEmail(input.email, 'email');
  deps.background.run('password-reset-mail', () => queueResetMail(deps, email));
  return true;
}

async function queueResetMail(deps: AuthDeps, email: string): Promise<void> {
  // Per account the limit is silent: past it nothing is sent, and the caller cannot tell.
  if (!(await deps.limiter.tryAttempt(rateLimitKeys.resetAccount(email), deps.config.rateLimits.resetAccount))) {
    deps.logger.warn('password-reset mail limit reached for an account; not sending');
    return;
  }
  const user = await findUserByEmail(deps.db, email);
  if (!user) return;
  const token = newOpaqueToken();
  const validMinutes = deps.config.passwordResetTtlMinutes;
  const expiresAt = new Date(deps.now().getTime() + validMinutes * 60_000);
  const mail = passwordResetMail({ to: user.email, link: passwordResetLink(deps.config.passwordResetUrl, token), validMinutes });
  await deps.db.$transaction(async (tx) => {
    await createResetToken(tx, { userId: user.id, tokenHash: hashToken(token), expiresAt });
    // The job holds the rendered link (the raw token) until it is sent: see repositories/mail-outbox.ts.
    await insertMailJob(tx, { kind: 'password-reset', mail, expiresAt });
  });
  deps.logger.info({ userId: user.id }, 'password-reset mail queued');
}

const unusable = () => badInput('token', 'this reset link is invalid, used or expired; ask for a new one');

/** Sets a new password with a mailed token (once) and ends every session of the account. */
export async function resetPassword(deps: AuthDeps, input: { token: string; newPassword: string }): Promise<true> {
  if (!looksLikeOpaqueToken(input.token)) throw unusable();
  const found = await findUsableResetToken(deps.db, hashToken(input.token), deps.now());
  if (!found) throw unusable();
  assertPasswordAllowed(input.newPassword, found.user.email, 'newPassword');
  const passwordHash = await deps.hasher.hash(input.newPassword);
  const now = deps.now();
  await deps.db.$transaction(async (tx) => {
    if (!(await consumeResetToken(tx, { id: found.id, userId: found.user.id, now }))) throw unusable();
    await updatePasswordHash(tx, found.user.id, passwordHash, now);
    await revokeUserSessions(tx, found.user.id, 'password-reset', now);
  });
  deps.logger.info({ userId: found.user.id }, 'password reset');
  return true;
}

