import { listUsers } from '../domain/admin-users.ts';
import { parseUserId } from '../domain/ids.ts';
import { requireViewer } from './guards.ts';
import type { QueryResolvers } from './types.generated.ts';

export const Query: QueryResolvers = {
  me: (_, _args, ctx) => (ctx.viewer ? ctx.loaders.userById.load(ctx.viewer.userId) : null),
  user: (_, args, ctx) => ctx.loaders.userById.load(parseUserId(args.id, 'id')),
  users: (_, args, ctx) => listUsers(ctx.services, requireViewer(ctx), args),
};
