// Mutations: parse the input, authorise the writer (see domain/access.ts), call one domain function.
import type { UserContext } from '../context.ts';
import { requireAdmin, requireWriter } from '../domain/access.ts';
import { awardBadgeManually } from '../domain/badges.ts';
import { createGoal, deleteGoal, updateGoal } from '../domain/goals.ts';
import { updateProfile } from '../domain/profile.ts';
import {
  parseCreateGoalInput, parseId, parseProfileInput, parseUpdateGoalInput,
  type CreateGoalInput, type UpdateGoalInput, type UpdateProfileInput,
} from '../domain/validation.ts';

export const Mutation = {
  async updateProfile(_root: unknown, args: { input: UpdateProfileInput }, ctx: UserContext) {
    const changes = parseProfileInput(args.input);
    const viewer = await requireWriter(ctx);
    return updateProfile(ctx.services, viewer.userId, changes);
  },
  async createGoal(_root: unknown, args: { input: CreateGoalInput }, ctx: UserContext) {
    const fields = parseCreateGoalInput(args.input);
    const viewer = await requireWriter(ctx);
    return createGoal(ctx.services, viewer.userId, fields);
  },
  async updateGoal(_root: unknown, args: { id: string; input: UpdateGoalInput }, ctx: UserContext) {
    const goalId = parseId(args.id, 'id');
    const changes = parseUpdateGoalInput(args.input);
    const viewer = await requireWriter(ctx);
    return updateGoal(ctx.services, viewer.userId, goalId, changes);
  },
  async deleteGoal(_root: unknown, args: { id: string }, ctx: UserContext) {
    const goalId = parseId(args.id, 'id');
    const viewer = await requireWriter(ctx);
    return deleteGoal(ctx.services, viewer.userId, goalId);
  },
  async awardBadge(_root: unknown, args: { userId: string; badgeSlug: string }, ctx: UserContext) {
    await requireAdmin(ctx);
    return awardBadgeManually(ctx.services, parseId(args.userId, 'userId'), args.badgeSlug);
  },
};
