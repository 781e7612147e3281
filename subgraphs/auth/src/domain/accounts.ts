// Accounts: sign-up (user + UserCreated outbox row + first verification mail + first session in one
// transaction), log-in and password change. Rate limits are counted before the expensive or sensitive work.
import { AppError } from '@tracklore/shared/errors';
import { isUniqueViolation } from '../db.ts';
import { revokeUserSessions } from '../repositories/sessions.ts';
import { createUserWithEvent, findUserByEmail, findUserById, replacePasswordHash, updatePasswordHash } from '../repositories/users.ts';
import { accountDisabled, checkCredentials } from './credentials.ts';
import { queueVerificationMail } from './email-verification.ts';
import type { AuthServices, ClientInfo, Viewer } from './services.ts';
import { parseEmail } from './email.ts';
import { assertPasswordAllowed } from './password-policy.ts';
import { finishSession, openSession, startSession, type AuthResult } from './sessions.ts';

export const rateLimitKeys = {
  loginAccount: (email: string) => `login:account:${email}`,
  loginAddress: (address: string) => `login:address:${address}`,
  signupAddress: (address: string) => `signup:address:${address}`,
  resetAddress: (address: string) => `reset:address:${address}`,
  resetAccount: (email: string) => `reset:account:${email}`,
  verifyAccount: (userId: number) => `verify:account:${userId}`,
};

/** Client address for rate limits; requests without one share a bucket. */
export const addressKey = (client: ClientInfo): string => client.address ?? 'unknown';

export async function signUp(services: AuthServices, input: { email: string; password: string }, client: ClientInfo): Promise<AuthResult> {
  await services.limiter.attempt(rateLimitKeys.signupAddress(addressKey(client)), services.config.rateLimits.signupAddress);
  const email = parseEmail(input.email, 'email');
  assertPasswordAllowed(input.password, email, 'password');
  const passwordHash = await services.hasher.hash(input.password);
  const now = services.clock.date();
  try {
    const { user, opened } = await services.db.$transaction(async (tx) => {
      const user = await createUserWithEvent(tx, { email, passwordHash, traceparent: client.traceparent }, now);
      await queueVerificationMail(tx, services, user, now);
      return { user, opened: await openSession(tx, services, user, client, now) };
    });
    services.logger.info({ userId: user.id }, 'user signed up');
    return finishSession(services, user, opened, now);
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('EMAIL_TAKEN', 'an account with this email already exists', { field: 'email' });
    throw error;
  }
}

export async function logIn(services: AuthServices, input: { email: string; password: string }, client: ClientInfo): Promise<AuthResult> {
  const { rateLimits } = services.config;
  const byAddress = await services.limiter.attempt(rateLimitKeys.loginAddress(addressKey(client)), rateLimits.loginAddress);
  const email = parseEmail(input.email, 'email');
  const byAccount = await services.limiter.attempt(rateLimitKeys.loginAccount(email), rateLimits.loginAccount);
  const user = await checkCredentials(await findUserByEmail(services.db, email), input.password, services.hasher);
  // Only failures count against the limits.
  await Promise.all([byAddress.refund(), byAccount.refund()]);
  // Said only to someone who knows the password, so it tells a guesser nothing.
  if (user.disabledAt) throw accountDisabled();
  if (services.hasher.needsRehash(user.passwordHash)) {
    await replacePasswordHash(services.db, user.id, user.passwordHash, await services.hasher.hash(input.password));
  }
  return startSession(services, user, client);
}

/** Changes the viewer's password; their other sessions end, this one stays signed in. */
export async function changePassword(services: AuthServices, viewer: Viewer, input: { currentPassword: string; newPassword: string }): Promise<boolean> {
  const user = await findUserById(services.db, viewer.userId);
  if (!user) throw new AppError('UNAUTHENTICATED', 'the signed-in account no longer exists');
  assertPasswordAllowed(input.newPassword, user.email, 'newPassword');
  // Guessing the current password here is guessing a login: same per-account budget.
  const attempt = await services.limiter.attempt(rateLimitKeys.loginAccount(user.email), services.config.rateLimits.loginAccount);
  try {
    await checkCredentials(user, input.currentPassword, services.hasher);
  } catch (error) {
    if (error instanceof AppError) throw new AppError('INVALID_CREDENTIALS', 'current password is incorrect', { field: 'currentPassword' });
    throw error;
  }
  await attempt.refund();
  const passwordHash = await services.hasher.hash(input.newPassword);
  const now = services.clock.date();
  await services.db.$transaction(async (tx) => {
    await updatePasswordHash(tx, user.id, passwordHash, now);
    await revokeUserSessions(tx, user.id, 'password-changed', now, viewer.sessionId);
  });
  services.sessionCache.clear();
  services.logger.info({ userId: user.id }, 'password changed');
  return true;
}
