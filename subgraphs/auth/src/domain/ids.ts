// Identifier parsing at the edge: user ids are positive integers (given as strings in GraphQL)
// that fit the INTEGER column they are stored in, so a larger one is refused here instead of
// failing in the database.
import { badInput } from '@tracklore/shared/errors';

/** Largest value of PostgreSQL's INTEGER (users.id). */
export const MAX_USER_ID = 2_147_483_647;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** The integer in `value`, or undefined unless it is 1 to MAX_USER_ID written in plain digits. */
export function toUserId(value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^[1-9][0-9]{0,9}$/.test(text)) return undefined;
  const id = Number(text);
  return id <= MAX_USER_ID ? id : undefined;
}

export function parseUserId(value: unknown, field = 'id'): number {
  const id = toUserId(value);
  if (id === undefined) throw badInput(field, 'must be a user id (a positive integer)');
  return id;
}
