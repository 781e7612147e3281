// The federated User: this subgraph resolves profile, badges and goals for any user id the
// router hands it. No lookup is needed to accept a representation; the fields batch per request.
import { requireGoalReader } from '../domain/access.ts';
import { emptyProfile } from '../domain/profile.ts';
import { toId } from '../domain/validation.ts';
import type { UserResolvers } from './types.generated.ts';

/** A user as resolvers pass it on (the codegen mapper for User): its integer id. */
export interface UserRef {
  id: number;
}

export const User: UserResolvers = {
  __resolveReference(representation) {
    const id = toId(representation.id);
    return id === null ? null : { id };
  },
  async profile(user, _args, ctx) {
    return (await ctx.loaders.profile.load(user.id)) ?? emptyProfile;
  },
  badges(user, _args, ctx) {
    return ctx.loaders.badges.load(user.id);
  },
  async goals(user, args, ctx) {
    await requireGoalReader(ctx, user.id);
    const goals = await ctx.loaders.goals.load(user.id);
    return args.status ? goals.filter((g) => g.status === args.status) : goals;
  },
};
