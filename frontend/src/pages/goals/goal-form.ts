// Goal form values ↔ GraphQL input. Target dates are calendar days: a picked day is sent as
// midnight UTC and shown back in UTC, so it never shifts by a time zone.
import { codePoints, fieldErrors, tooLong } from '../../ui/text-limits.ts';

/** The user subgraph's limits (DESIGN.md "Limits"), in code points of the trimmed value. */
export const GOAL_LIMITS = { title: 200, description: 5000 } as const;

export interface GoalFormValues {
  title: string;
  description: string;
  /** `YYYY-MM-DD` from <input type="date">, or '' for none. */
  targetDate: string;
}

export interface GoalTextInput {
  title: string;
  description: string | null;
  targetDate: string | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function dateInputToIso(day: string): string | null {
  if (!DAY.test(day)) return null;
  const date = new Date(`${day}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function isoToDateInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10);
}

/** The day a target date names, for display. */
export function formatTargetDate(iso: string, locale?: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(locale, { dateStyle: 'medium', timeZone: 'UTC' });
}

export function toGoalInput(values: GoalFormValues): GoalTextInput {
  const description = values.description.trim();
  return { title: values.title.trim(), description: description === '' ? null : description, targetDate: dateInputToIso(values.targetDate) };
}

/** Field name → message for a missing title or a value over its limit; empty when it may be sent. */
export function goalFormErrors(values: GoalFormValues): Record<string, string> {
  return fieldErrors({
    title: codePoints(values.title.trim()) === 0 ? 'Give the goal a title.' : tooLong(values.title, GOAL_LIMITS.title),
    description: tooLong(values.description, GOAL_LIMITS.description),
  });
}

export function fromGoal(goal: { title: string; description: string | null; targetDate: string | null }): GoalFormValues {
  return { title: goal.title, description: goal.description ?? '', targetDate: isoToDateInput(goal.targetDate) };
}

/** Progress after a nudge, kept within 0–100. */
export function clampProgress(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(100, Math.max(0, Math.round(value)));
}

export const GOAL_STATUSES = ['ACTIVE', 'COMPLETED', 'ARCHIVED'] as const;
export type GoalStatusValue = (typeof GOAL_STATUSES)[number];

export const STATUS_LABEL: Record<GoalStatusValue, string> = { ACTIVE: 'Active', COMPLETED: 'Completed', ARCHIVED: 'Archived' };

/** The `?status=` filter of the goals page; anything else means all goals. */
export function parseStatusFilter(value: string | null): GoalStatusValue | null {
  const upper = value?.toUpperCase();
  return (GOAL_STATUSES as readonly string[]).includes(upper ?? '') ? (upper as GoalStatusValue) : null;
}
