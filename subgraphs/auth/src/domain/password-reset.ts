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
import type { AuthServices, ClientInfo } from './services.ts';
import { parseEmail } from './email.ts';
import { assertPasswordAllowed } from './password-policy.ts';
import { hashToken, looksLikeOpaqueToken, newOpaqueToken } from './secrets.ts';

export async function requestPasswordReset(services: AuthServices, input: { email: string }, client: ClientInfo): Promise<true> {
  await services.limiter.attempt(rateLimitKeys.resetAddress(addressKey(client)), services.config.rateLimits.resetAddress);
  const email = parseEmail(input.email, 'email');
  services.background.run('password-reset-mail', () => queueResetMail(services, email));
  return true;
}

async function queueResetMail(services: AuthServices, email: string): Promise<void> {
  // Per account the limit is silent: past it nothing is sent, and the caller cannot tell.
  if (!(await services.limiter.tryAttempt(rateLimitKeys.resetAccount(email), services.config.rateLimits.resetAccount))) {
    services.logger.warn('password-reset mail limit reached for an account; not sending');
    return;
  }
  const user = await findUserByEmail(services.db, email);
  if (!user) return;
  const token = newOpaqueToken();
  const validMinutes = services.config.passwordResetTtlMinutes;
  const expiresAt = new Date(services.clock.now() + validMinutes * 60_000);
  const mail = passwordResetMail({ to: user.email, link: passwordResetLink(services.config.passwordResetUrl, token), validMinutes });
  await services.db.$transaction(async (tx) => {
    await createResetToken(tx, { userId: user.id, tokenHash: hashToken(token), expiresAt });
    // The job holds the rendered link (the raw token) until it is sent: see repositories/mail-outbox.ts.
    await insertMailJob(tx, { kind: 'password-reset', userId: user.id, mail, expiresAt });
  });
  services.logger.info({ userId: user.id }, 'password-reset mail queued');
}

const unusable = () => badInput('token', 'this reset link is invalid, used or expired; ask for a new one');

/** Sets a new password with a mailed token (once) and ends every session of the account. */
export async function resetPassword(services: AuthServices, input: { token: string; newPassword: string }): Promise<true> {
  if (!looksLikeOpaqueToken(input.token)) throw unusable();
  const found = await findUsableResetToken(services.db, hashToken(input.token), services.clock.date());
  if (!found) throw unusable();
  assertPasswordAllowed(input.newPassword, found.user.email, 'newPassword');
  const passwordHash = await services.hasher.hash(input.newPassword);
  const now = services.clock.date();
  await services.db.$transaction(async (tx) => {
    if (!(await consumeResetToken(tx, { id: found.id, userId: found.user.id, now }))) throw unusable();
    await updatePasswordHash(tx, found.user.id, passwordHash, now);
    await revokeUserSessions(tx, found.user.id, 'password-reset', now);
  });
  services.sessionCache.clear();
  services.logger.info({ userId: found.user.id }, 'password reset');
  return true;
}

