// The federated User: this subgraph resolves profile, badges and goals for any user id the
// router hands it. No lookup is needed to accept a representation; the fields batch per request.
import type { UserContext } from '../context.ts';
import { requireGoalReader } from '../domain/access.ts';
import { emptyProfile } from '../domain/profile.ts';
import { toId } from '../domain/validation.ts';
import type { GoalStatus, LearningGoal } from '../generated/prisma/client.ts';

export interface UserRef {
  id: number;
}

export const User = {
  __resolveReference(representation: { id?: unknown }): UserRef | null {
    const id = toId(representation.id);
    return id === null ? null : { id };
  },
  async profile(user: UserRef, _args: unknown, ctx: UserContext) {
    return (await ctx.loaders.profile.load(user.id)) ?? emptyProfile;
  },
  badges(user: UserRef, _args: unknown, ctx: UserContext) {
    return ctx.loaders.badges.load(user.id);
  },
  async goals(user: UserRef, args: { status?: GoalStatus | null }, ctx: UserContext): Promise<LearningGoal[]> {
    await requireGoalReader(ctx, user.id);
    const goals = await ctx.loaders.goals.load(user.id);
    return args.status ? goals.filter((g) => g.status === args.status) : goals;
  },
};
