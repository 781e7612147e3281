import { listBadges } from '../repositories/badges.ts';
import type { QueryResolvers } from './types.generated.ts';

export const Query: QueryResolvers = {
  badges(_root, _args, ctx) {
    return listBadges(ctx.services.db);
  },
};
