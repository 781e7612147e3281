// Input validation for the contract's limits (DESIGN.md "Limits"): one zod schema per GraphQL
// input. A failure is a BAD_USER_INPUT naming the field at fault ("input.displayName"), its
// message that field and what is wrong ("input.displayName must be at most 100 characters
// (this is 101)"). Lengths count Unicode code points, as PostgreSQL's VARCHAR(n) does, so what
// passes here also fits the column. NUL and unpaired surrogates never get this far:
// guardTextArguments (@tracklore/shared/text-arguments) refuses them for every text argument.
import { z } from 'zod';
import { badInput } from '@tracklore/shared/errors';
import { GoalStatus } from '../generated/prisma/enums.ts';
import type { ProfileFields } from '../repositories/profiles.ts';
import type { GoalFields } from '../repositories/goals.ts';

/** Character limits of the profile fields: the VARCHAR sizes of prisma/user/schema.prisma. */
export const PROFILE_LIMITS = { displayName: 100, bio: 2000, avatarUrl: 2048, location: 100 } as const;

/** Goal limits: title and description are VARCHAR sizes; perUser is checked by createGoal. */
export const GOAL_LIMITS = { title: 200, description: 5000, progress: 100, perUser: 200 } as const;

const MAX_ID = 2_147_483_647; // our ids are INTEGER columns

export const codePoints = (value: string): number => [...value].length;

/** Trimmed text of at most `max` characters (it may be blank). */
const text = (max: number) =>
  z
    .string({ error: 'must be a string' })
    .trim()
    .refine((value) => codePoints(value) <= max, { error: (issue) => `must be at most ${max} characters (this is ${codePoints(String(issue.input))})` });

/** An optional field: omitted stays unchanged (undefined), null or blank clears it (null). */
const clearable = <T extends z.ZodType<string, string>>(schema: T) =>
  schema
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .optional();

/** A field the schema lets a client send as null but that cannot be cleared: omitted or a value. */
const notNull = <T extends z.ZodType>(schema: T) =>
  schema
    .nullable()
    .optional()
    .transform((value, ctx) => {
      if (value !== null) return value;
      ctx.addIssue('cannot be null');
      return z.NEVER;
    });

const httpsUrl = text(PROFILE_LIMITS.avatarUrl).superRefine((value, ctx) => {
  if (value === '') return;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue('must be an absolute https URL');
    return;
  }
  if (url.protocol !== 'https:' || url.hostname === '') ctx.addIssue('must be an absolute https URL');
  else if (url.username !== '' || url.password !== '') ctx.addIssue('must not contain credentials');
});

const title = text(GOAL_LIMITS.title).refine((value) => value !== '', { error: `must be 1 to ${GOAL_LIMITS.title} characters (it is blank)` });
const description = clearable(text(GOAL_LIMITS.description));
const progress = z.int({ error: `must be an integer from 0 to ${GOAL_LIMITS.progress}` }).min(0).max(GOAL_LIMITS.progress);
const status = z.enum(GoalStatus, { error: `must be one of ${Object.values(GoalStatus).join(', ')}` });
const targetDate = z.date({ error: 'must be an ISO-8601 date-time' }).nullable().optional();

const profileInput = z.object({
  displayName: clearable(text(PROFILE_LIMITS.displayName)),
  bio: clearable(text(PROFILE_LIMITS.bio)),
  avatarUrl: clearable(httpsUrl),
  location: clearable(text(PROFILE_LIMITS.location)),
}) satisfies z.ZodType<Partial<ProfileFields>>;

const createGoalInput = z.object({
  title,
  description: description.default(null),
  targetDate: targetDate.default(null),
}) satisfies z.ZodType<Pick<GoalFields, 'title' | 'description' | 'targetDate'>>;

const updateGoalInput = z.object({
  title: notNull(title),
  description,
  status: notNull(status),
  progress: notNull(progress),
  targetDate,
}) satisfies z.ZodType<Partial<GoalFields>>;

const ID_ERROR = 'must be a positive integer id';
const id = z
  .union([z.string(), z.number()], { error: ID_ERROR })
  .transform(String)
  .refine((value) => /^[1-9][0-9]{0,9}$/.test(value) && Number(value) <= MAX_ID, { error: ID_ERROR })
  .transform(Number);

/** `value` parsed by `schema`, or BAD_USER_INPUT for its first issue, named from `field` down. */
function parse<S extends z.ZodType>(schema: S, value: unknown, field: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const at = issue.path.reduce<string>((name, key) => (typeof key === 'number' ? `${name}[${key}]` : `${name}.${String(key)}`), field);
  throw badInput(at, `${at} ${issue.message}`);
}

export type UpdateProfileInput = z.input<typeof profileInput>;
export type CreateGoalInput = z.input<typeof createGoalInput>;
export type UpdateGoalInput = z.input<typeof updateGoalInput>;

export const parseProfileInput = (input: UpdateProfileInput): Partial<ProfileFields> => parse(profileInput, input, 'input');
export const parseCreateGoalInput = (input: CreateGoalInput): Pick<GoalFields, 'title' | 'description' | 'targetDate'> => parse(createGoalInput, input, 'input');
export const parseUpdateGoalInput = (input: UpdateGoalInput): Partial<GoalFields> => parse(updateGoalInput, input, 'input');

/** Parses a GraphQL ID that must hold a positive 32-bit integer. */
export const parseId = (value: unknown, field: string): number => parse(id, value, field);

/** Like parseId but returns null instead of throwing (federation representations). */
export function toId(value: unknown): number | null {
  const result = id.safeParse(value);
  return result.success ? result.data : null;
}
