// Input validation for the contract's limits (DESIGN.md "Limits"). Each failure is a
// BAD_USER_INPUT naming the field at fault (e.g. "input.displayName"). Lengths count Unicode
// code points, as PostgreSQL's VARCHAR(n) does, so what passes here also fits the column.
import { badInput } from '@tracklore/shared/errors';
import type { GoalStatus } from '../generated/prisma/client.ts';
import type { ProfileFields } from '../repositories/profiles.ts';
import type { GoalFields } from '../repositories/goals.ts';

export const LIMITS = {
  displayName: 100,
  location: 100,
  bio: 2000,
  avatarUrl: 2048,
  goalTitle: 200,
  goalDescription: 5000,
  goalsPerUser: 200,
} as const;

const GOAL_STATUSES: readonly GoalStatus[] = ['ACTIVE', 'COMPLETED', 'ARCHIVED'];

export const codePoints = (value: string): number => [...value].length;

/** `undefined` stays undefined (no change), null or blank becomes null (clear), text is trimmed. */
function optionalText(value: unknown, field: string, max: number): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value !== 'string') throw badInput(field, `${field} must be a string`);
  const text = value.trim();
  if (text === '') return null;
  if (codePoints(text) > max) throw badInput(field, `${field} must be at most ${max} characters`);
  return text;
}

function avatarUrl(value: unknown, field: string): string | null | undefined {
  const text = optionalText(value, field, LIMITS.avatarUrl);
  if (text === undefined || text === null) return text;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw badInput(field, `${field} must be an absolute https URL`);
  }
  if (url.protocol !== 'https:' || url.hostname === '') throw badInput(field, `${field} must be an absolute https URL`);
  if (url.username !== '' || url.password !== '') throw badInput(field, `${field} must not contain credentials`);
  return text;
}

export interface UpdateProfileInput {
  displayName?: string | null;
  bio?: string | null;
  avatarUrl?: string | null;
  location?: string | null;
}

export function parseProfileInput(input: UpdateProfileInput): Partial<ProfileFields> {
  const changes: Partial<ProfileFields> = {};
  const displayName = optionalText(input.displayName, 'input.displayName', LIMITS.displayName);
  const bio = optionalText(input.bio, 'input.bio', LIMITS.bio);
  const avatar = avatarUrl(input.avatarUrl, 'input.avatarUrl');
  const location = optionalText(input.location, 'input.location', LIMITS.location);
  if (displayName !== undefined) changes.displayName = displayName;
  if (bio !== undefined) changes.bio = bio;
  if (avatar !== undefined) changes.avatarUrl = avatar;
  if (location !== undefined) changes.location = location;
  return changes;
}

function title(value: unknown, field: string): string {
  if (typeof value !== 'string') throw badInput(field, `${field} must be a string`);
  const text = value.trim();
  const length = codePoints(text);
  if (length < 1 || length > LIMITS.goalTitle) throw badInput(field, `${field} must be 1 to ${LIMITS.goalTitle} characters`);
  return text;
}

function progress(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 100) throw badInput(field, `${field} must be an integer from 0 to 100`);
  return value;
}

function status(value: unknown, field: string): GoalStatus {
  if (!GOAL_STATUSES.includes(value as GoalStatus)) throw badInput(field, `${field} must be one of ${GOAL_STATUSES.join(', ')}`);
  return value as GoalStatus;
}

function date(value: unknown, field: string): Date | null | undefined {
  if (value === undefined || value === null) return value;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw badInput(field, `${field} must be an ISO-8601 date-time`);
  return value;
}

function nonNull<T>(value: T | null | undefined, field: string): T | undefined {
  if (value === null) throw badInput(field, `${field} cannot be null`);
  return value;
}

export interface CreateGoalInput {
  title: string;
  description?: string | null;
  targetDate?: Date | null;
}

export function parseCreateGoalInput(input: CreateGoalInput): Pick<GoalFields, 'title' | 'description' | 'targetDate'> {
  return {
    title: title(input.title, 'input.title'),
    description: optionalText(input.description, 'input.description', LIMITS.goalDescription) ?? null,
    targetDate: date(input.targetDate, 'input.targetDate') ?? null,
  };
}

export interface UpdateGoalInput {
  title?: string | null;
  description?: string | null;
  status?: GoalStatus | null;
  progress?: number | null;
  targetDate?: Date | null;
}

export function parseUpdateGoalInput(input: UpdateGoalInput): Partial<GoalFields> {
  const changes: Partial<GoalFields> = {};
  const newTitle = nonNull(input.title, 'input.title');
  if (newTitle !== undefined) changes.title = title(newTitle, 'input.title');
  const description = optionalText(input.description, 'input.description', LIMITS.goalDescription);
  if (description !== undefined) changes.description = description;
  const newStatus = nonNull(input.status, 'input.status');
  if (newStatus !== undefined) changes.status = status(newStatus, 'input.status');
  const newProgress = nonNull(input.progress, 'input.progress');
  if (newProgress !== undefined) changes.progress = progress(newProgress, 'input.progress');
  const targetDate = date(input.targetDate, 'input.targetDate');
  if (targetDate !== undefined) changes.targetDate = targetDate;
  return changes;
}

/** Parses a GraphQL ID that must hold a positive 32-bit integer (our ids are INTEGER columns). */
export function parseId(value: unknown, field: string): number {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^[1-9][0-9]{0,9}$/.test(text) || Number(text) > 2_147_483_647) throw badInput(field, `${field} must be a positive integer id`);
  return Number(text);
}

/** Like parseId but returns null instead of throwing (federation representations). */
export function toId(value: unknown): number | null {
  try {
    return parseId(value, 'id');
  } catch {
    return null;
  }
}
