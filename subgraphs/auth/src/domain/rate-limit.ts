// Fixed-window rate limits over shared counters (rate_limit_buckets), so every auth instance sees
// the same counts. An attempt is counted before the work it guards (no race lets N+1 through);
// an attempt that should not count (a successful login) is refunded afterwards.
import { systemClock, type Clock } from '@tracklore/shared/clock';
import { AppError } from '@tracklore/shared/errors';
import type { RateLimitRule } from '../config.ts';

export interface RateLimitStore {
  /** Adds one to the counter of (key, window) and returns the new count. */
  increment(key: string, windowStart: Date): Promise<number>;
  /** Takes one back from (key, window), never below zero. */
  decrement(key: string, windowStart: Date): Promise<void>;
}

/** Start of the fixed window containing `nowMs`, in ms since the epoch. */
export function windowStartMs(nowMs: number, windowSeconds: number): number {
  const size = windowSeconds * 1000;
  return Math.floor(nowMs / size) * size;
}

/** Whole seconds until the window that contains `nowMs` ends; at least 1. */
export function retryAfterSeconds(nowMs: number, windowSeconds: number): number {
  const end = windowStartMs(nowMs, windowSeconds) + windowSeconds * 1000;
  return Math.max(1, Math.ceil((end - nowMs) / 1000));
}

export interface Attempt {
  /** Undo this attempt's count (e.g. the login succeeded). */
  refund(): Promise<void>;
}

export class RateLimiter {
  constructor(
    private readonly store: RateLimitStore,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Counts one attempt for `key` under `rule`; throws RATE_LIMITED (with retryAfter seconds)
   * when this attempt is past the limit.
   */
  async attempt(key: string, rule: RateLimitRule): Promise<Attempt> {
    const now = this.clock.now();
    const windowStart = new Date(windowStartMs(now, rule.windowSeconds));
    const count = await this.store.increment(key, windowStart);
    if (count > rule.max) {
      const retryAfter = retryAfterSeconds(now, rule.windowSeconds);
      throw new AppError('RATE_LIMITED', `too many attempts; try again in ${retryAfter} seconds`, { retryAfter });
    }
    let refunded = false;
    return {
      refund: async () => {
        if (refunded) return;
        refunded = true;
        await this.store.decrement(key, windowStart);
      },
    };
  }

  /** Like attempt(), but answers false instead of throwing, for limits that act silently. */
  async tryAttempt(key: string, rule: RateLimitRule): Promise<boolean> {
    try {
      await this.attempt(key, rule);
      return true;
    } catch (error) {
      if (error instanceof AppError && error.code === 'RATE_LIMITED') return false;
      throw error;
    }
  }
}
