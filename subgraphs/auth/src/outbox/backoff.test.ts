import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { retryDelayMs } from './backoff.ts';

const policy = { minMs: 500, maxMs: 60_000 };

test('delays double per attempt between half and all of the ceiling', () => {
  assert.equal(retryDelayMs(1, policy, () => 0), 250);
  assert.equal(retryDelayMs(1, policy, () => 0.999999), 500);
  assert.equal(retryDelayMs(2, policy, () => 0), 500);
  assert.equal(retryDelayMs(3, policy, () => 0), 1000);
  assert.equal(retryDelayMs(4, policy, () => 0.5), 3000);
});

test('delays are capped at maxMs, even for huge attempt counts', () => {
  assert.equal(retryDelayMs(12, policy, () => 0.999999), 60_000);
  assert.equal(retryDelayMs(10_000, policy, () => 0), 30_000);
  for (let attempt = 1; attempt < 50; attempt++) {
    const delay = retryDelayMs(attempt, policy);
    assert.ok(delay >= 250 && delay <= 60_000, `attempt ${attempt}: ${delay}`);
  }
});

test('attempt 0 or below is treated as the first retry', () => {
  assert.equal(retryDelayMs(0, policy, () => 0), 250);
  assert.equal(retryDelayMs(-3, policy, () => 0), 250);
});
