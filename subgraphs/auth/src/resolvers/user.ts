// User entity: resolved by reference in batches; email and sessions are guarded per viewer.
import { AppError } from '@tracklore/shared/errors';
import type { AuthContext } from '../context.ts';
import type { Viewer } from '../domain/services.ts';
import { toUserId } from '../domain/ids.ts';
import { activeSessions } from '../domain/sessions.ts';
import type { UserView } from '../repositories/users.ts';
import type { UserResolvers } from './types.generated.ts';

/**
 * A user as resolvers pass it on (the codegen mapper for User). `issuedTo` is set on an
 * AuthPayload's user: that request has no access token yet, but the caller has just become this
 * session, so it may see its own fields.
 */
export type UserParent = UserView & { issuedTo?: Viewer };

const viewerFor = (user: UserParent, ctx: AuthContext): Viewer | null => user.issuedTo ?? ctx.viewer;

export const User: UserResolvers = {
  __resolveReference: async (ref, ctx) => {
    const id = toUserId(ref.id);
    return id === undefined ? null : ctx.loaders.userById.load(id);
  },
  id: (user) => String(user.id),
  email: (user, _args, ctx) => {
    const viewer = viewerFor(user, ctx);
    if (viewer && (viewer.userId === user.id || viewer.roles.includes('ADMIN'))) return user.email;
    throw new AppError('FORBIDDEN', 'email is visible only to its owner and to admins');
  },
  sessions: async (user, _args, ctx) => {
    const viewer = viewerFor(user, ctx);
    if (!viewer || viewer.userId !== user.id) throw new AppError('FORBIDDEN', 'sessions are visible only to their owner');
    const sessions = await activeSessions(ctx.services, user.id);
    return sessions.map((s) => ({ ...s, ipAddress: s.clientAddress, current: s.id === viewer.sessionId }));
  },
};
