import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_RETRY_DELAY_MS, needsRefresh, refreshDelayMs, refreshLeadMs, retryDelayMs } from './refresh-schedule.ts';

test('a 15-minute token is refreshed one minute before it expires', () => {
  assert.equal(refreshDelayMs(900), 840_000);
});

test('a 2-minute token is refreshed 12 s early (10% of its life)', () => {
  assert.equal(refreshDelayMs(120), 108_000);
});

test('short tokens keep at least 5 s of lead, but never more than half their life', () => {
  assert.equal(refreshDelayMs(30), 25_000);
  assert.equal(refreshLeadMs(6_000), 3_000);
  assert.equal(refreshDelayMs(6), 3_000);
});

test('zero, negative and non-finite lifetimes refresh immediately', () => {
  assert.equal(refreshDelayMs(0), 0);
  assert.equal(refreshDelayMs(-5), 0);
  assert.equal(refreshDelayMs(Number.NaN), 0);
});

test('huge lifetimes are capped below the setTimeout overflow', () => {
  assert.equal(refreshDelayMs(60 * 60 * 24 * 365), 2 ** 31 - 1);
});

test('needsRefresh is true within the margin before expiry and after it', () => {
  const expiresAt = 100_000;
  assert.equal(needsRefresh(expiresAt, 94_999), false);
  assert.equal(needsRefresh(expiresAt, 95_000), true);
  assert.equal(needsRefresh(expiresAt, 200_000), true);
  assert.equal(needsRefresh(expiresAt, 99_000, 500), false);
});

test('retries back off exponentially up to the cap', () => {
  assert.deepEqual([0, 1, 2, 3, 4].map(retryDelayMs), [1_000, 2_000, 4_000, 8_000, 16_000]);
  assert.equal(retryDelayMs(5), MAX_RETRY_DELAY_MS);
  assert.equal(retryDelayMs(50), MAX_RETRY_DELAY_MS);
  assert.equal(retryDelayMs(-1), 1_000);
});
