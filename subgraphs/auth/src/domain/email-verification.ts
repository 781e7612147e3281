// Email verification. Sign-up queues the first link in its own transaction; the viewer may ask for
// another (rate-limited per account). Links are single use, valid 24 hours, stored as SHA-256 only,
// and mailed through mail_outbox like password-reset links. Nothing is blocked for an unverified
// address: the flag is information (User.emailVerified) for the viewer, admins and the web app.
import { AppError, badInput } from '@tracklore/shared/errors';
import type { Tx } from '../db.ts';
import { emailVerificationLink, emailVerificationMail } from '../mail/email-verification-mail.ts';
import { insertMailJob } from '../repositories/mail-outbox.ts';
import { findUserById, markEmailVerified } from '../repositories/users.ts';
import { consumeVerificationToken, createVerificationToken, findVerificationToken } from '../repositories/verification-tokens.ts';
import { rateLimitKeys } from './accounts.ts';
import type { AuthServices, Viewer } from './services.ts';
import { hashToken, looksLikeOpaqueToken, newOpaqueToken } from './secrets.ts';

/** How long a verification link works (the contract says 24 hours). */
export const EMAIL_VERIFICATION_TTL_HOURS = 24;

/** Inside `tx`: a new link for `user` and the mail job that delivers it (sent after the commit). */
export async function queueVerificationMail(tx: Tx, services: AuthServices, user: { id: number; email: string }, now: Date): Promise<void> {
  const token = newOpaqueToken();
  const expiresAt = new Date(now.getTime() + EMAIL_VERIFICATION_TTL_HOURS * 3600_000);
  const link = emailVerificationLink(services.config.emailVerificationUrl, token);
  await createVerificationToken(tx, { userId: user.id, tokenHash: hashToken(token), expiresAt });
  // The job holds the rendered link (the raw token) until it is sent: see repositories/mail-outbox.ts.
  await insertMailJob(tx, { kind: 'email-verification', userId: user.id, mail: emailVerificationMail({ to: user.email, link, validHours: EMAIL_VERIFICATION_TTL_HOURS }), expiresAt });
}

/** Mails the viewer a new link; true without a mail when the address is already verified. */
export async function requestEmailVerification(services: AuthServices, viewer: Viewer): Promise<true> {
  const user = await findUserById(services.db, viewer.userId);
  if (!user) throw new AppError('UNAUTHENTICATED', 'the signed-in account no longer exists');
  if (user.emailVerifiedAt) return true;
  // The viewer is known, so the limit can say so (RATE_LIMITED) without revealing anything.
  await services.limiter.attempt(rateLimitKeys.verifyAccount(user.id), services.config.rateLimits.verifyAccount);
  const now = services.clock.date();
  await services.db.$transaction((tx) => queueVerificationMail(tx, services, user, now));
  services.logger.info({ userId: user.id }, 'email-verification mail queued');
  return true;
}

const unknownLink = () => badInput('token', 'this verification link is not valid; ask for a new one');
const usedLink = () => badInput('token', 'this verification link was already used');
const expiredLink = () => badInput('token', 'this link has expired; ask for a new one');

/** Marks the link's address verified, once; a used, expired or unknown link says which. */
export async function verifyEmail(services: AuthServices, input: { token: string }): Promise<true> {
  if (!looksLikeOpaqueToken(input.token)) throw unknownLink();
  const found = await findVerificationToken(services.db, hashToken(input.token));
  if (!found) throw unknownLink();
  if (found.usedAt) throw usedLink();
  const now = services.clock.date();
  if (found.expiresAt <= now) throw expiredLink();
  await services.db.$transaction(async (tx) => {
    // A concurrent use of the same link got there first.
    if (!(await consumeVerificationToken(tx, { id: found.id, userId: found.userId, now }))) throw usedLink();
    await markEmailVerified(tx, found.userId, now);
  });
  // Cached sessions carry the flag: this instance reads its own write (the NOTIFY tells the others).
  services.sessionCache.clear();
  services.logger.info({ userId: found.userId }, 'email verified');
  return true;
}
