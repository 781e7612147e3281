// The UserCreated event contract (DESIGN.md "Event contract"). Producer and consumer both use
// this module, so a change to the contract is one change, checked by the compiler on both sides.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { systemClock } from '../clock.ts';
import { eventHeaders, parseEvent, type EventMessage, type ParseResult } from './parse.ts';

export { TOPICS, USER_CREATED_DLQ_TOPIC, USER_CREATED_TOPIC } from './topics.ts';

const isoDateTime = z.iso.datetime({ offset: true });

export const userCreatedSchema = z.object({
  eventId: z.uuid(),
  type: z.literal('UserCreated'),
  version: z.literal(1),
  occurredAt: isoDateTime,
  user: z.object({
    id: z.number().int().positive(),
    email: z.string().min(3),
    createdAt: isoDateTime,
  }),
});

export type UserCreated = z.infer<typeof userCreatedSchema>;

export type UserCreatedMessage = EventMessage;

export function buildUserCreated(user: { id: number; email: string; createdAt: Date }, now = systemClock.date()): UserCreated {
  return {
    eventId: randomUUID(),
    type: 'UserCreated',
    version: 1,
    occurredAt: now.toISOString(),
    user: { id: user.id, email: user.email, createdAt: user.createdAt.toISOString() },
  };
}

export function toUserCreatedMessage(event: UserCreated, traceparent?: string): UserCreatedMessage {
  return { key: String(event.user.id), value: JSON.stringify(event), headers: eventHeaders(event, traceparent) };
}

const shape = { schema: userCreatedSchema, label: 'UserCreated v1', keyPath: 'user.id', userIdOf: (event: UserCreated) => event.user.id };

/** Parses a raw message value; never throws, so a bad message becomes a DLQ entry with a reason. */
export function parseUserCreated(value: Buffer | string | null | undefined, key?: string | null): ParseResult<UserCreated> {
  return parseEvent(shape, value, key);
}
