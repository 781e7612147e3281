import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { IncomingMessage } from 'node:http';
import { GATEWAY_HEADER, requireGateway, signGatewayHeader, verifyGatewayHeader } from './gateway-trust.ts';

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

test('the guard accepts what verifies and refuses the rest, with its remembered MACs as without them', () => {
  const clock = { now: () => current, date: () => new Date(current), sleep: async () => {} };
  let current = now;
  const guard = requireGateway(secret, clock);
  const request = (value?: string) => ({ headers: value === undefined ? {} : { [GATEWAY_HEADER]: value } }) as unknown as IncomingMessage;
  // Every second of a 20 s run (more than the guard remembers), each header twice; a stale header after it.
  const headers: string[] = [];
  for (let second = 0; second < 20; second += 1) {
    current = now + second * 1000;
    const header = signGatewayHeader(secret, current);
    headers.push(header);
    assert.equal(guard(request(header)), undefined);
    assert.equal(guard(request(header)), undefined);
    const forged = signGatewayHeader('b'.repeat(40), current);
    assert.equal(guard(request(forged))?.status, 401, 'same timestamp, another secret');
  }
  assert.equal(guard(request(headers[0])), undefined, 'a second no longer remembered is computed again');
  current = now + 301_000;
  assert.equal(guard(request(headers[0]))?.status, 401);
  assert.equal(guard(request())?.status, 401);
});
