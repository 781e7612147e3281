import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { clientAddress, requestIdFrom, validTraceparent } from './request-context.ts';

test('a plain request id is kept; a missing or odd one is replaced by a UUID', () => {
  assert.equal(requestIdFrom('abc-123.x'), 'abc-123.x');
  assert.equal(requestIdFrom(['first', 'second']), 'first');
  for (const bad of [undefined, '', 'has space', 'line\nbreak', 'x'.repeat(129)]) {
    assert.match(requestIdFrom(bad), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  }
});

test('only a well-formed version-00 traceparent with non-zero ids is forwarded', () => {
  const good = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
  assert.equal(validTraceparent(good), good);
  assert.equal(validTraceparent(good.toUpperCase()), good);
  assert.equal(validTraceparent('01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'), undefined);
  assert.equal(validTraceparent('00-00000000000000000000000000000000-00f067aa0ba902b7-01'), undefined);
  assert.equal(validTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01'), undefined);
  assert.equal(validTraceparent('garbage'), undefined);
});

test('the client address is the peer unless proxies are trusted, and never a client-chosen entry', () => {
  assert.equal(clientAddress('10.0.0.9', undefined, 0), '10.0.0.9');
  assert.equal(clientAddress('10.0.0.9', '6.6.6.6', 0), '10.0.0.9');
  assert.equal(clientAddress('10.0.0.9', '6.6.6.6, 203.0.113.7', 1), '203.0.113.7');
  assert.equal(clientAddress('10.0.0.9', '6.6.6.6, 203.0.113.7, 10.0.0.8', 2), '203.0.113.7');
  assert.equal(clientAddress('10.0.0.9', undefined, 2), '10.0.0.9');
});
