// Mutations: parse the input, authorise the writer (see domain/access.ts), call one domain function.
import { requireAdmin, requireWriter } from '../domain/access.ts';
import { awardBadgeManually } from '../domain/badges.ts';
import { createGoal, deleteGoal, updateGoal } from '../domain/goals.ts';
import { updateProfile } from '../domain/profile.ts';
import { parseCreateGoalInput, parseId, parseProfileInput, parseUpdateGoalInput } from '../domain/validation.ts';
import type { MutationResolvers } from './types.generated.ts';

export const Mutation: MutationResolvers = {
  async updateProfile(_root, args, ctx) {
    const changes = parseProfileInput(args.input);
    const viewer = await requireWriter(ctx);
    return updateProfile(ctx.services, viewer.userId, changes);
  },
  async createGoal(_root, args, ctx) {
    const fields = parseCreateGoalInput(args.input);
    const viewer = await requireWriter(ctx);
    return createGoal(ctx.services, viewer.userId, fields);
  },
  async updateGoal(_root, args, ctx) {
    const goalId = parseId(args.id, 'id');
    const changes = parseUpdateGoalInput(args.input);
    const viewer = await requireWriter(ctx);
    return updateGoal(ctx.services, viewer.userId, goalId, changes);
  },
  async deleteGoal(_root, args, ctx) {
    const goalId = parseId(args.id, 'id');
    const viewer = await requireWriter(ctx);
    return deleteGoal(ctx.services, viewer.userId, goalId);
  },
  async awardBadge(_root, args, ctx) {
    await requireAdmin(ctx);
    return awardBadgeManually(ctx.services, parseId(args.userId, 'userId'), args.badgeSlug);
  },
};
