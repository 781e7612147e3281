// auth.user-created.v1: validation (the id must fit the INTEGER column) and the record function; the
// rest of a message's handling (DLQ, retries, redelivery) is handle-event.ts.
import { parseUserCreated, USER_CREATED_DLQ_TOPIC, USER_CREATED_TOPIC, type UserCreated } from '@tracklore/shared/events/user-created';
import type { ParseResult } from '@tracklore/shared/events/parse';
import type { Db } from '../db.ts';
import { recordUserCreated } from '../repositories/references.ts';
import { handleEvent, MAX_USER_ID, type EventHandlerDeps, type HandleOutcome, type RawMessage, type TopicHandler } from './handle-event.ts';

export { RedeliverLater } from './handle-event.ts';
export type UserCreatedHandlerDeps = EventHandlerDeps<UserCreated>;

export function validateUserCreated(value: Buffer | null, key: string | null): ParseResult<UserCreated> {
  const parsed = parseUserCreated(value, key);
  if (!parsed.ok) return parsed;
  if (parsed.event.user.id > MAX_USER_ID) return { ok: false, reason: `user.id ${parsed.event.user.id} exceeds the largest supported id ${MAX_USER_ID}` };
  return parsed;
}

export function handleUserCreated(message: RawMessage, deps: UserCreatedHandlerDeps): Promise<HandleOutcome> {
  return handleEvent(message, validateUserCreated, deps);
}

export function userCreatedTopic(db: Db): TopicHandler {
  return {
    topic: USER_CREATED_TOPIC,
    dlqTopic: USER_CREATED_DLQ_TOPIC,
    outcomes: ['created', 'tombstoned', 'duplicate', 'dead-lettered'],
    handle: (message, deps) => handleUserCreated(message, { ...deps, record: (event) => recordUserCreated(db, event) }),
  };
}
