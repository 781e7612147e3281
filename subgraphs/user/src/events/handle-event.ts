// What happens to one event message, apart from Kafka itself, whatever its topic:
//  - unparsable or invalid → dead-lettered with the reason, and consumption goes on;
//  - valid → recorded once (idempotent by event id); transient database errors are retried with
//    backoff a bounded number of times, then thrown so that Kafka redelivers the message (its
//    offset is not committed); errors retrying cannot fix are dead-lettered too.
// Each topic adds only its validation and its record function (user-created.ts, user-deleted.ts).
import { retryDelayMs } from '@tracklore/shared/backoff';
import type { ParseResult } from '@tracklore/shared/events/parse';
import type { Logger } from '@tracklore/shared/logger';
import type { RecordOutcome } from '../repositories/references.ts';

/** auth_user_references.id (and deleted_users.id) is an INTEGER column. */
export const MAX_USER_ID = 2_147_483_647;

export type HandleOutcome = RecordOutcome | 'dead-lettered';

/** Everything a handler needs from the consumer for one message (the record function is the topic's). */
export interface MessageDeps {
  deadLetter(reason: string): Promise<void>;
  isTransient(error: unknown): boolean;
  /** True once the consumer is stopping: retries give up so the message is redelivered later. */
  isStopping(): boolean;
  sleep(ms: number): Promise<void>;
  /** Keeps the group membership alive during long retries. */
  heartbeat(): Promise<void>;
  logger: Logger;
  /** Attempts at the database write before handing the message back to Kafka. Default 5. */
  attempts?: number;
  /** First retry delay in ms, doubled per attempt up to 5000 (no jitter). Default 200. */
  backoffMs?: number;
}

export interface EventHandlerDeps<T> extends MessageDeps {
  record(event: T): Promise<RecordOutcome>;
}

export interface RawMessage {
  key: Buffer | null;
  value: Buffer | null;
}

/** One subscribed topic: where its bad messages go and how one of its messages is handled. */
export interface TopicHandler {
  topic: string;
  dlqTopic: string;
  /** Every outcome handle() can report, so metrics start each series at 0. */
  outcomes: readonly HandleOutcome[];
  handle(message: RawMessage, deps: MessageDeps): Promise<HandleOutcome>;
}

export class RedeliverLater extends Error {
  override readonly name = 'RedeliverLater';
}

type Validate<T> = (value: Buffer | null, key: string | null) => ParseResult<T>;

export async function handleEvent<T extends { eventId: string; type: string }>(message: RawMessage, validate: Validate<T>, deps: EventHandlerDeps<T>): Promise<HandleOutcome> {
  const parsed = validate(message.value, message.key?.toString('utf8') ?? null);
  if (!parsed.ok) {
    await deps.deadLetter(parsed.reason);
    return 'dead-lettered';
  }
  const { event } = parsed;
  const attempts = deps.attempts ?? 5;
  const backoffMs = deps.backoffMs ?? 200;
  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.record(event);
    } catch (error) {
      // A failure while stopping (e.g. the pool already closed) says nothing about the event: leave
      // it uncommitted for the next consumer rather than dead-lettering a good event.
      if (deps.isStopping()) throw new RedeliverLater(`stopping; event ${event.eventId} left for redelivery`, { cause: error });
      if (!deps.isTransient(error)) {
        deps.logger.error({ err: error, eventId: event.eventId, eventType: event.type }, 'event could not be stored; dead-lettering it');
        await deps.deadLetter(`could not be stored: ${(error as Error).message ?? String(error)}`.slice(0, 1000));
        return 'dead-lettered';
      }
      if (attempt >= attempts || deps.isStopping()) {
        throw new RedeliverLater(`database unavailable after ${attempt} attempt(s) for event ${event.eventId}`, { cause: error });
      }
      deps.logger.warn({ err: (error as Error).message, eventId: event.eventId, attempt }, 'transient database error; retrying');
      await deps.sleep(retryDelayMs(attempt, { baseMs: backoffMs, maxMs: 5000 }));
      await deps.heartbeat();
    }
  }
}
