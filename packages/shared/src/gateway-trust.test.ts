import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { signGatewayHeader, verifyGatewayHeader } from './gateway-trust.ts';

const secret = 'a'.repeat(40);
const now = Date.UTC(2026, 10, 26, 12, 0, 0);

test('a header signed with the secret verifies within the skew window', () => {
  assert.equal(verifyGatewayHeader(secret, signGatewayHeader(secret, now), now + 10_000), true);
});

test('wrong secret, stale timestamp, tampered or missing header are rejected', () => {
  const header = signGatewayHeader(secret, now);
  assert.equal(verifyGatewayHeader('b'.repeat(40), header, now), false);
  assert.equal(verifyGatewayHeader(secret, header, now + 301_000), false);
  assert.equal(verifyGatewayHeader(secret, header.replace('v1.', 'v1.1'), now), false);
  assert.equal(verifyGatewayHeader(secret, undefined, now), false);
  assert.equal(verifyGatewayHeader(secret, 'v1.1.short', now), false);
});
