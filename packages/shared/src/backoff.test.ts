import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { retryDelayMs } from './backoff.ts';

const jittered = { baseMs: 500, maxMs: 60_000, jitter: true };

test('with jitter, delays double per retry between half and all of the ceiling', () => {
  assert.equal(retryDelayMs(1, jittered, () => 0), 250);
  assert.equal(retryDelayMs(1, jittered, () => 0.999999), 500);
  assert.equal(retryDelayMs(2, jittered, () => 0), 500);
  assert.equal(retryDelayMs(3, jittered, () => 0), 1000);
  assert.equal(retryDelayMs(4, jittered, () => 0.5), 3000);
});

test('delays are capped at maxMs, even for huge retry counts', () => {
  assert.equal(retryDelayMs(12, jittered, () => 0.999999), 60_000);
  assert.equal(retryDelayMs(10_000, jittered, () => 0), 30_000);
  for (let retry = 1; retry < 50; retry++) {
    const delay = retryDelayMs(retry, jittered);
    assert.ok(delay >= 250 && delay <= 60_000, `retry ${retry}: ${delay}`);
  }
});

test('retry 0 or below is treated as the first retry', () => {
  assert.equal(retryDelayMs(0, jittered, () => 0), 250);
  assert.equal(retryDelayMs(-3, jittered, () => 0), 250);
});

test('without jitter the delay is the ceiling itself and random is not consulted', () => {
  const never = () => assert.fail('random must not be called');
  assert.deepEqual([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(n, { baseMs: 200, maxMs: 5000 }, never)), [200, 400, 800, 1600, 3200, 5000]);
});

test('without maxMs the ceiling keeps doubling, and stays finite for huge retry counts', () => {
  assert.deepEqual([1, 2, 3].map((n) => retryDelayMs(n, { baseMs: 100, jitter: true }, () => 0.5)), [75, 150, 300]);
  assert.equal(retryDelayMs(10, { baseMs: 100 }), 51_200);
  assert.ok(Number.isFinite(retryDelayMs(10_000, { baseMs: 100 })));
});
