import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displayAddress } from './display-address.ts';

test('IPv4-mapped IPv6 addresses show as plain IPv4; others as they are', () => {
  assert.equal(displayAddress('::ffff:203.0.113.9'), '203.0.113.9');
  assert.equal(displayAddress('::FFFF:10.0.0.1'), '10.0.0.1');
  assert.equal(displayAddress('203.0.113.9'), '203.0.113.9');
  assert.equal(displayAddress('2001:db8::1'), '2001:db8::1');
  assert.equal(displayAddress('::ffff:2001:db8::1'), '::ffff:2001:db8::1');
});

test('a missing address says so', () => {
  assert.equal(displayAddress(null), 'an unknown address');
  assert.equal(displayAddress('  '), 'an unknown address');
});
