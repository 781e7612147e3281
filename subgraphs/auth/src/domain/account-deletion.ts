// Deleting one's own account: the password is checked again (same per-account budget as a log-in),
// then, in one transaction, the identity row and everything it owns go and a UserDeleted outbox
// row announces it (the user subgraph drops its data for that user). The id is never reused
// (SERIAL): the same address can sign up again and becomes a new user.
import { AppError } from '@tracklore/shared/errors';
import { deleteBuckets } from '../repositories/rate-limits.ts';
import { deleteUserWithEvent, findUserById } from '../repositories/users.ts';
import { rateLimitKeys } from './accounts.ts';
import { checkCredentials } from './credentials.ts';
import type { AuthServices, ClientInfo, Viewer } from './services.ts';

const gone = () => new AppError('UNAUTHENTICATED', 'the signed-in account no longer exists');

export async function deleteAccount(services: AuthServices, viewer: Viewer, input: { password: string }, client: ClientInfo): Promise<true> {
  const user = await findUserById(services.db, viewer.userId);
  if (!user) throw gone();
  // Guessing the password here is guessing a login: same per-account budget.
  const attempt = await services.limiter.attempt(rateLimitKeys.loginAccount(user.email), services.config.rateLimits.loginAccount);
  try {
    await checkCredentials(user, input.password, services.hasher);
  } catch (error) {
    if (error instanceof AppError) throw new AppError('INVALID_CREDENTIALS', 'password is incorrect', { field: 'password' });
    throw error;
  }
  await attempt.refund();
  const now = services.clock.date();
  await services.db.$transaction(async (tx) => {
    // A concurrent deleteAccount of the same user committed first: announce nothing twice.
    if (!(await deleteUserWithEvent(tx, { id: user.id, email: user.email, traceparent: client.traceparent }, now))) throw gone();
    // The account's counters name it (email or id): they go with it.
    await deleteBuckets(tx, [rateLimitKeys.loginAccount(user.email), rateLimitKeys.resetAccount(user.email), rateLimitKeys.verifyAccount(user.id)]);
  });
  // Its sessions are gone: this instance reads its own write (the NOTIFY tells the others).
  services.sessionCache.clear();
  services.logger.info({ userId: user.id }, 'account deleted');
  return true;
}
