// What happens to one auth.user-created.v1 message, apart from Kafka itself:
//  - unparsable or invalid → dead-lettered with the reason, and consumption goes on;
//  - valid → recorded once (idempotent by event id); transient database errors are retried with
//    backoff a bounded number of times, then thrown so that Kafka redelivers the message (its
//    offset is not committed); errors retrying cannot fix are dead-lettered too.
import { retryDelayMs } from '@tracklore/shared/backoff';
import { parseUserCreated, type UserCreated } from '@tracklore/shared/events/user-created';
import type { Logger } from '@tracklore/shared/logger';

/** auth_user_references.id is an INTEGER column. */
export const MAX_USER_ID = 2_147_483_647;

export type HandleOutcome = 'created' | 'duplicate' | 'dead-lettered';

export interface UserCreatedHandlerDeps {
  record(event: UserCreated): Promise<'created' | 'duplicate'>;
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

export class RedeliverLater extends Error {
  override readonly name = 'RedeliverLater';
}

export function validateUserCreated(value: Buffer | null, key: string | null): { ok: true; event: UserCreated } | { ok: false; reason: string } {
  const parsed = parseUserCreated(value, key);
  if (!parsed.ok) return parsed;
  if (parsed.event.user.id > MAX_USER_ID) return { ok: false, reason: `user.id ${parsed.event.user.id} exceeds the largest supported id ${MAX_USER_ID}` };
  return parsed;
}

export async function handleUserCreated(message: { key: Buffer | null; value: Buffer | null }, deps: UserCreatedHandlerDeps): Promise<HandleOutcome> {
  const parsed = validateUserCreated(message.value, message.key?.toString('utf8') ?? null);
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
        deps.logger.error({ err: error, eventId: event.eventId }, 'UserCreated could not be stored; dead-lettering it');
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
