import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { FakeClock } from '@tracklore/devkit/fake-clock';
import { AppError } from '@tracklore/shared/errors';
import { RateLimiter, retryAfterSeconds, windowStartMs, type RateLimitStore } from './rate-limit.ts';

const T0 = Date.UTC(2026, 10, 26, 12, 0, 0); // on a 15-minute boundary

test('windows are aligned to multiples of their length', () => {
  assert.equal(windowStartMs(T0, 900), T0);
  assert.equal(windowStartMs(T0 + 899_999, 900), T0);
  assert.equal(windowStartMs(T0 + 900_000, 900), T0 + 900_000);
  assert.equal(windowStartMs(T0 + 61_000, 60), T0 + 60_000);
});

test('retryAfter is the whole seconds left in the window, at least 1', () => {
  assert.equal(retryAfterSeconds(T0, 900), 900);
  assert.equal(retryAfterSeconds(T0 + 100_500, 900), 800); // 799.5 s rounds up
  assert.equal(retryAfterSeconds(T0 + 899_999, 900), 1);
});

function memoryStore(): RateLimitStore & { counts: Map<string, number> } {
  const counts = new Map<string, number>();
  const id = (key: string, start: Date) => `${key}@${start.toISOString()}`;
  return {
    counts,
    async increment(key, start) {
      const next = (counts.get(id(key, start)) ?? 0) + 1;
      counts.set(id(key, start), next);
      return next;
    },
    async decrement(key, start) {
      counts.set(id(key, start), Math.max(0, (counts.get(id(key, start)) ?? 0) - 1));
    },
  };
}

test('the attempt after max in a window is RATE_LIMITED; a new window starts fresh', async () => {
  const clock = new FakeClock(T0 + 1000);
  const limiter = new RateLimiter(memoryStore(), clock);
  const rule = { max: 3, windowSeconds: 60 };
  for (let i = 0; i < 3; i++) await limiter.attempt('login:a', rule);
  await assert.rejects(limiter.attempt('login:a', rule), (e: unknown) => e instanceof AppError && e.code === 'RATE_LIMITED' && e.details.retryAfter === 59);
  await limiter.attempt('login:b', rule); // other keys are independent
  clock.advance(59_000); // T0 + 60 s: the next window
  await limiter.attempt('login:a', rule);
});

test('a refunded attempt does not count, and refunding twice takes back only one', async () => {
  const store = memoryStore();
  const limiter = new RateLimiter(store, new FakeClock(T0));
  const rule = { max: 2, windowSeconds: 60 };
  const first = await limiter.attempt('k', rule);
  await first.refund();
  await first.refund();
  await limiter.attempt('k', rule);
  await limiter.attempt('k', rule);
  assert.equal(await limiter.tryAttempt('k', rule), false);
});
