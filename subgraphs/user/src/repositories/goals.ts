// learning_goals: owned by one user; every lookup by id is scoped to its owner.
import type { Db, DbTx } from '../db.ts';
import type { GoalStatus, LearningGoal } from '../generated/prisma/client.ts';

export interface GoalFields {
  title: string;
  description: string | null;
  status: GoalStatus;
  progress: number;
  targetDate: Date | null;
}

export async function countGoals(db: Db | DbTx, userId: number): Promise<number> {
  return db.learningGoal.count({ where: { userId } });
}

export async function countGoalsWithStatus(db: Db | DbTx, userId: number, status: GoalStatus): Promise<number> {
  return db.learningGoal.count({ where: { userId, status } });
}

export async function insertGoal(db: Db | DbTx, userId: number, fields: Pick<GoalFields, 'title' | 'description' | 'targetDate'>): Promise<LearningGoal> {
  return db.learningGoal.create({ data: { userId, ...fields } });
}

/** The goal when it exists and belongs to `userId`; otherwise null (never another user's goal). */
export async function findOwnGoal(db: Db | DbTx, goalId: number, userId: number): Promise<LearningGoal | null> {
  return db.learningGoal.findFirst({ where: { id: goalId, userId } });
}

export async function updateOwnGoal(db: Db | DbTx, goalId: number, userId: number, changes: Partial<GoalFields>): Promise<LearningGoal | null> {
  const { count } = await db.learningGoal.updateMany({ where: { id: goalId, userId }, data: changes });
  return count === 0 ? null : findOwnGoal(db, goalId, userId);
}

/** True when the goal existed, belonged to `userId` and is now deleted. */
export async function deleteOwnGoal(db: Db, goalId: number, userId: number): Promise<boolean> {
  const { count } = await db.learningGoal.deleteMany({ where: { id: goalId, userId } });
  return count > 0;
}
