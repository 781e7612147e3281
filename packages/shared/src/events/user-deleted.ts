// The UserDeleted event contract (DESIGN.md "Event contract"): auth deleted the identity; every
// service drops what it holds for that user. Same headers and keying as UserCreated.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { eventHeaders, parseEvent, type EventMessage, type ParseResult } from './parse.ts';

export { USER_DELETED_DLQ_TOPIC, USER_DELETED_TOPIC } from './topics.ts';

export const userDeletedSchema = z.object({
  eventId: z.uuid(),
  type: z.literal('UserDeleted'),
  version: z.literal(1),
  occurredAt: z.iso.datetime({ offset: true }),
  userId: z.number().int().positive(),
});

export type UserDeleted = z.infer<typeof userDeletedSchema>;

export function buildUserDeleted(userId: number, now: Date): UserDeleted {
  return { eventId: randomUUID(), type: 'UserDeleted', version: 1, occurredAt: now.toISOString(), userId };
}

export function toUserDeletedMessage(event: UserDeleted, traceparent?: string): EventMessage {
  return { key: String(event.userId), value: JSON.stringify(event), headers: eventHeaders(event, traceparent) };
}

const shape = { schema: userDeletedSchema, label: 'UserDeleted v1', keyPath: 'userId', userIdOf: (event: UserDeleted) => event.userId };

/** Parses a raw message value; never throws, so a bad message becomes a DLQ entry with a reason. */
export function parseUserDeleted(value: Buffer | string | null | undefined, key?: string | null): ParseResult<UserDeleted> {
  return parseEvent(shape, value, key);
}
