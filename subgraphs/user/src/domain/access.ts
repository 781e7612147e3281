// Authorisation rules shared by the resolvers.
import { AppError } from '@tracklore/shared/errors';
import type { Viewer } from '../auth-client/viewer.ts';
import type { UserContext } from '../context.ts';
import { ensureReference } from './references.ts';

export async function requireViewer(ctx: UserContext): Promise<Viewer> {
  const viewer = await ctx.viewer();
  if (!viewer) throw new AppError('UNAUTHENTICATED', 'sign in to do this');
  return viewer;
}

/**
 * For writes: a locally verified token whose session auth confirms is live (see auth/viewer.ts),
 * and a reference row for the viewer (read-repaired if their UserCreated has not arrived yet).
 */
export async function requireWriter(ctx: UserContext): Promise<Viewer> {
  const viewer = await ctx.services.viewers.confirm(await requireViewer(ctx));
  await ensureReference(ctx.services, viewer.userId, 'viewer');
  return viewer;
}

export async function requireAdmin(ctx: UserContext): Promise<Viewer> {
  const viewer = await ctx.services.viewers.confirm(await requireViewer(ctx));
  if (!viewer.roles.includes('ADMIN')) throw new AppError('FORBIDDEN', 'only an admin can do this');
  return viewer;
}

/** Goals are private: only their owner or an ADMIN may read them. */
export async function requireGoalReader(ctx: UserContext, ownerId: number): Promise<void> {
  const viewer = await requireViewer(ctx);
  if (viewer.userId !== ownerId && !viewer.roles.includes('ADMIN')) throw new AppError('FORBIDDEN', "only the owner or an admin can see a user's goals");
}
