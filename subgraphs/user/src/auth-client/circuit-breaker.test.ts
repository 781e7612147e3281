import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { CircuitBreaker } from './circuit-breaker.ts';
import { FakeClock } from '@tracklore/devkit/fake-clock';

test('opens after the threshold of consecutive failures and refuses calls until openMs passed', () => {
  const clock = new FakeClock();
  const breaker = new CircuitBreaker({ clock, failureThreshold: 3, openMs: 1000 });
  breaker.onFailure();
  breaker.onFailure();
  assert.equal(breaker.state, 'closed');
  breaker.onSuccess(); // a success resets the count
  breaker.onFailure();
  breaker.onFailure();
  assert.equal(breaker.state, 'closed');
  breaker.onFailure();
  assert.equal(breaker.state, 'open');
  assert.equal(breaker.tryAcquire(), false);
  assert.equal(breaker.retryInMs(), 1000);
  clock.advance(999);
  assert.equal(breaker.tryAcquire(), false);
  clock.advance(1);
  assert.equal(breaker.state, 'half-open');
});

test('half-open lets one trial through; its success closes, its failure re-opens', () => {
  const clock = new FakeClock();
  const breaker = new CircuitBreaker({ clock, failureThreshold: 1, openMs: 500 });
  breaker.onFailure();
  clock.advance(500);
  assert.equal(breaker.tryAcquire(), true);
  assert.equal(breaker.tryAcquire(), false, 'only one trial at a time');
  breaker.onFailure();
  assert.equal(breaker.state, 'open');
  clock.advance(500);
  assert.equal(breaker.tryAcquire(), true);
  breaker.onSuccess();
  assert.equal(breaker.state, 'closed');
  assert.equal(breaker.tryAcquire(), true);
});

test('misuse is a TypeError', () => {
  assert.throws(() => new CircuitBreaker({ clock: new FakeClock(), failureThreshold: 0 }), TypeError);
});
