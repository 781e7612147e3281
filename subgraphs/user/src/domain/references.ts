// Read-repair: a signed-in user may act before their UserCreated event has been consumed. Then
// we ask the auth subgraph whether the user exists and create the reference ourselves
// (source REPAIR); the event, when it comes, finds it and changes nothing. A deleted user
// (tombstone in deleted_users) is never repaired, even when auth answered before it deleted them.
import { AppError } from '@tracklore/shared/errors';
import { createReference, referenceExists } from '../repositories/references.ts';
import type { UserServices } from '../services.ts';

/**
 * Makes sure `userId` has a reference row. `who` decides the refusal when auth does not know the
 * user: the viewer themself is UNAUTHENTICATED, another user (an admin's target) is NOT_FOUND.
 * Throws SERVICE_UNAVAILABLE when a repair is needed and auth cannot be asked.
 */
export async function ensureReference(services: UserServices, userId: number, who: 'viewer' | 'target'): Promise<void> {
  if (await referenceExists(services.db, userId)) return;
  const gone = () =>
    who === 'viewer' ? new AppError('UNAUTHENTICATED', 'your account no longer exists') : new AppError('NOT_FOUND', `no user with id ${userId}`);
  const user = await services.auth.getUser(userId);
  if (!user) throw gone();
  // The tombstone is checked under the same lock UserDeleted takes, so a deletion consumed between
  // auth's answer and this write still wins.
  if ((await createReference(services.db, userId, 'REPAIR')) === 'deleted') {
    services.logger.info({ userId }, 'read-repair refused: the user was deleted');
    throw gone();
  }
  services.logger.info({ userId }, 'auth user reference created by read-repair (UserCreated not consumed yet)');
}
