// The router proves to the subgraphs that a GraphQL request came through it: an HMAC over a
// timestamp with a shared secret (GATEWAY_SECRET). Subgraphs reject requests without a valid one,
// so `_entities` and friends cannot be called from outside.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { systemClock, type Clock } from './clock.ts';
import { HttpError } from './http/body.ts';

export const GATEWAY_HEADER = 'x-tracklore-gateway';

function mac(secret: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`v1.${timestamp}`).digest('base64url');
}

/** Header value for a request sent now (`nowMs` in ms since the epoch). */
export function signGatewayHeader(secret: string, nowMs = systemClock.now()): string {
  const timestamp = Math.floor(nowMs / 1000);
  return `v1.${timestamp}.${mac(secret, timestamp)}`;
}

function verify(expectedMac: (timestamp: number) => Buffer, value: string | string[] | undefined, nowMs: number, maxSkewSeconds: number): boolean {
  const header = Array.isArray(value) ? value[0] : value;
  const match = header?.match(/^v1\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/);
  if (!match) return false;
  const timestamp = Number(match[1]);
  if (Math.abs(nowMs / 1000 - timestamp) > maxSkewSeconds) return false;
  const expected = expectedMac(timestamp);
  const given = Buffer.from(match[2] ?? '');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** True when `value` was signed with `secret` within `maxSkewSeconds` (default 300) of now. */
export function verifyGatewayHeader(secret: string, value: string | string[] | undefined, nowMs = systemClock.now(), maxSkewSeconds = 300): boolean {
  return verify((timestamp) => Buffer.from(mac(secret, timestamp)), value, nowMs, maxSkewSeconds);
}

/** Expected MACs kept by a guard: routers sign the current second, so a few serve every request. */
const REMEMBERED_MACS = 8;

/**
 * A GraphQLMount guard: 401 UNAUTHENTICATED unless the request carries a valid router signature.
 * The expected MAC of a timestamp is computed once, not per request (an HMAC per request was ~2 %
 * of the user subgraph's CPU); each request is still compared in constant time.
 */
export function requireGateway(secret: string, clock: Clock = systemClock): (req: IncomingMessage) => HttpError | undefined {
  const macs = new Map<number, Buffer>();
  const expectedMac = (timestamp: number): Buffer => {
    let expected = macs.get(timestamp);
    if (!expected) {
      expected = Buffer.from(mac(secret, timestamp));
      macs.set(timestamp, expected);
      if (macs.size > REMEMBERED_MACS) macs.delete(macs.keys().next().value!);
    }
    return expected;
  };
  return (req) =>
    verify(expectedMac, req.headers[GATEWAY_HEADER], clock.now(), 300)
      ? undefined
      : new HttpError(401, 'this subgraph accepts GraphQL requests only from the router', 'UNAUTHENTICATED');
}
