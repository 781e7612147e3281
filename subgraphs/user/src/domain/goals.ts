// Learning goals: owned by one user, at most GOAL_LIMITS.perUser of them; another user's goal is
// indistinguishable from a missing one (NOT_FOUND), so ids reveal nothing.
import { AppError } from '@tracklore/shared/errors';
import type { LearningGoal } from '../generated/prisma/client.ts';
import { lockReference } from '../repositories/references.ts';
import { countGoals, deleteOwnGoal, insertGoal, updateOwnGoal, type GoalFields } from '../repositories/goals.ts';
import type { UserServices } from '../services.ts';
import { onGoalCompleted, onGoalCreated } from './badges.ts';
import { GOAL_LIMITS } from './validation.ts';

const goalNotFound = (goalId: number) => new AppError('NOT_FOUND', `you have no goal with id ${goalId}`);

export async function createGoal(services: UserServices, userId: number, fields: Pick<GoalFields, 'title' | 'description' | 'targetDate'>): Promise<LearningGoal> {
  return services.db.$transaction(async (tx) => {
    // Serialises this user's goal creations so two concurrent ones cannot both pass the limit.
    await lockReference(tx, userId);
    if ((await countGoals(tx, userId)) >= GOAL_LIMITS.perUser) {
      throw new AppError('BAD_USER_INPUT', `you can have at most ${GOAL_LIMITS.perUser} goals; delete one first`, { field: 'input' });
    }
    const goal = await insertGoal(tx, userId, fields);
    await onGoalCreated(tx, userId);
    return goal;
  });
}

export async function updateGoal(services: UserServices, userId: number, goalId: number, changes: Partial<GoalFields>): Promise<LearningGoal> {
  return services.db.$transaction(async (tx) => {
    const goal = await updateOwnGoal(tx, goalId, userId, changes);
    if (!goal) throw goalNotFound(goalId);
    if (changes.status === 'COMPLETED') await onGoalCompleted(tx, userId);
    return goal;
  });
}

export async function deleteGoal(services: UserServices, userId: number, goalId: number): Promise<true> {
  if (!(await deleteOwnGoal(services.db, goalId, userId))) throw goalNotFound(goalId);
  return true;
}
