import type { UserContext } from '../context.ts';
import { listBadges } from '../repositories/badges.ts';

export const Query = {
  badges(_root: unknown, _args: unknown, ctx: UserContext) {
    return listBadges(ctx.services.db);
  },
};
