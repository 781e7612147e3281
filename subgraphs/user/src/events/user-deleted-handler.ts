// auth.user-deleted.v1: validation (the id must fit the INTEGER column) and the record function
// (drop the user's data, keep the tombstone); the rest is handle-event.ts, as for UserCreated.
import { parseUserDeleted, USER_DELETED_DLQ_TOPIC, USER_DELETED_TOPIC, type UserDeleted } from '@tracklore/shared/events/user-deleted';
import type { ParseResult } from '@tracklore/shared/events/parse';
import type { Db } from '../db.ts';
import { recordUserDeleted } from '../repositories/references.ts';
import { handleEvent, MAX_USER_ID, type EventHandlerDeps, type HandleOutcome, type RawMessage, type TopicHandler } from './handle-event.ts';

export type UserDeletedHandlerDeps = EventHandlerDeps<UserDeleted>;

export function validateUserDeleted(value: Buffer | null, key: string | null): ParseResult<UserDeleted> {
  const parsed = parseUserDeleted(value, key);
  if (!parsed.ok) return parsed;
  if (parsed.event.userId > MAX_USER_ID) return { ok: false, reason: `userId ${parsed.event.userId} exceeds the largest supported id ${MAX_USER_ID}` };
  return parsed;
}

export function handleUserDeleted(message: RawMessage, deps: UserDeletedHandlerDeps): Promise<HandleOutcome> {
  return handleEvent(message, validateUserDeleted, deps);
}

export function userDeletedTopic(db: Db): TopicHandler {
  return {
    topic: USER_DELETED_TOPIC,
    dlqTopic: USER_DELETED_DLQ_TOPIC,
    outcomes: ['deleted', 'unknown-user', 'duplicate', 'dead-lettered'],
    handle: (message, deps) => handleUserDeleted(message, { ...deps, record: (event) => recordUserDeleted(db, event) }),
  };
}
