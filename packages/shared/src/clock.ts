// Time as a dependency, so timeouts, backoff, the circuit breaker and caches are testable without
// waiting on real timers.
import { setTimeout as delay } from 'node:timers/promises';

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds; rejects (AbortError) when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  // Unref'd: a pending timeout or backoff never keeps the process alive on shutdown.
  sleep: (ms, signal) => delay(ms, undefined, { signal, ref: false }),
};
