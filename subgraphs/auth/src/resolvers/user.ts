// User entity: resolved by reference in batches; email, emailVerified, sessions and the admin
// fields are guarded per viewer.
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

const adminViewer = (user: UserParent, ctx: AuthContext): boolean => viewerFor(user, ctx)?.roles.includes('ADMIN') === true;

/** The fields of a person's own account (email, emailVerified): the person and admins. */
const ownerOrAdmin = (user: UserParent, ctx: AuthContext): boolean => {
  const viewer = viewerFor(user, ctx);
  return viewer !== null && (viewer.userId === user.id || viewer.roles.includes('ADMIN'));
};

export const User: UserResolvers = {
  __resolveReference: async (ref, ctx) => {
    const id = toUserId(ref.id);
    return id === undefined ? null : ctx.loaders.userById.load(id);
  },
  id: (user) => String(user.id),
  email: (user, _args, ctx) => {
    if (ownerOrAdmin(user, ctx)) return user.email;
    throw new AppError('FORBIDDEN', 'email is visible only to its owner and to admins');
  },
  emailVerified: (user, _args, ctx) => {
    if (ownerOrAdmin(user, ctx)) return user.emailVerifiedAt !== null;
    throw new AppError('FORBIDDEN', 'emailVerified is visible only to its owner and to admins');
  },
  disabled: (user, _args, ctx) => {
    if (adminViewer(user, ctx)) return user.disabledAt !== null;
    throw new AppError('FORBIDDEN', 'disabled is visible only to admins');
  },
  disabledReason: (user, _args, ctx) => {
    if (adminViewer(user, ctx)) return user.disabledReason;
    throw new AppError('FORBIDDEN', 'disabledReason is visible only to admins');
  },
  sessions: async (user, _args, ctx) => {
    const viewer = viewerFor(user, ctx);
    if (!viewer || viewer.userId !== user.id) throw new AppError('FORBIDDEN', 'sessions are visible only to their owner');
    const sessions = await activeSessions(ctx.services, user.id);
    return sessions.map((s) => ({ ...s, ipAddress: s.clientAddress, current: s.id === viewer.sessionId }));
  },
};
