// Time as a dependency, the one way every service reads or waits on time: timeouts, backoff, the
// circuit breaker, caches, token expiry and timestamps are testable without waiting on real timers
// (packages/devkit/src/fake-clock.ts is the test double).
import { setTimeout as delay } from 'node:timers/promises';

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** The same instant as a Date (timestamps written to the database, token claims). */
  date(): Date;
  /** Resolves after `ms` milliseconds; rejects (AbortError) when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  date: () => new Date(),
  // Unref'd: a pending timeout or backoff never keeps the process alive on shutdown.
  sleep: (ms, signal) => delay(ms, undefined, { signal, ref: false }),
};
