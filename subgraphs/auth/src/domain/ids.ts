// Identifier parsing at the edge: user ids are positive integers (given as strings in GraphQL).
import { badInput } from '@tracklore/shared/errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** The integer in `value`, or undefined unless it is a positive safe integer written in digits. */
export function toUserId(value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^[1-9][0-9]{0,15}$/.test(text)) return undefined;
  const id = Number(text);
  return Number.isSafeInteger(id) ? id : undefined;
}

export function parseUserId(value: unknown, field = 'id'): number {
  const id = toUserId(value);
  if (id === undefined) throw badInput(field, 'must be a user id (a positive integer)');
  return id;
}
