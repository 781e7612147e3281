// What the router takes from an incoming request and forwards to the subgraphs: the caller's
// Authorization, a request id (the caller's when well-formed, else a new one), W3C trace context,
// the user agent and the client address (see clientAddress for proxies).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

export type RouterContext = {
  requestId: string;
  authorization?: string;
  traceparent?: string;
  tracestate?: string;
  userAgent?: string;
  /** The client's IP address as the router determined it. */
  clientAddress: string;
};

const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/** A caller's id is kept when it is short and plain, so it cannot smuggle anything into logs. */
export function requestIdFrom(value: string | string[] | undefined): string {
  const given = first(value)?.trim();
  return given && /^[A-Za-z0-9._:-]{1,128}$/.test(given) ? given : randomUUID();
}

/** W3C traceparent, version 00; anything else is dropped (not forwarded). */
export function validTraceparent(value: string | string[] | undefined): string | undefined {
  const given = first(value)?.trim().toLowerCase();
  if (!given || !/^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/.test(given)) return undefined;
  const [, traceId, parentId] = given.split('-');
  return /^0+$/.test(traceId ?? '') || /^0+$/.test(parentId ?? '') ? undefined : given;
}

/**
 * The client address: the TCP peer, unless `trustedProxyHops` proxies sit in front of the router;
 * then the x-forwarded-for entry that many hops back (entries further left are client-controlled).
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trustedProxyHops: number): string {
  const chain = [...(first(forwardedFor)?.split(',') ?? []).map((s) => s.trim()).filter(Boolean), peer ?? 'unknown'];
  return chain[Math.max(0, chain.length - 1 - trustedProxyHops)] ?? 'unknown';
}

export function routerContextFrom(req: IncomingMessage, trustedProxyHops: number): RouterContext {
  const traceparent = validTraceparent(req.headers.traceparent);
  const tracestate = traceparent ? first(req.headers.tracestate) : undefined;
  return {
    requestId: requestIdFrom(req.headers[REQUEST_ID_HEADER]),
    authorization: first(req.headers.authorization),
    traceparent,
    tracestate: tracestate && tracestate.length <= 512 ? tracestate : undefined,
    userAgent: first(req.headers['user-agent'])?.slice(0, 512),
    clientAddress: clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], trustedProxyHops),
  };
}
