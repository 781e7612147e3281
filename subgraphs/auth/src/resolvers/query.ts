import type { AuthContext } from '../context.ts';
import { parseUserId } from '../domain/ids.ts';
import type { UserView } from '../repositories/users.ts';

export const queryResolvers = {
  Query: {
    me: (_: unknown, _args: unknown, ctx: AuthContext): Promise<UserView | null> | null =>
      ctx.viewer ? ctx.loaders.userById.load(ctx.viewer.userId) : null,
    user: (_: unknown, args: { id: string }, ctx: AuthContext): Promise<UserView | null> => ctx.loaders.userById.load(parseUserId(args.id, 'id')),
  },
};
