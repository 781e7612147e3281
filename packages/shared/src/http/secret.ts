// Constant-time comparison of a presented credential with the configured secret, for every
// shared-secret check at the HTTP edge (auth's /internal/* API, each service's /metrics).
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Constant-time comparison of `given` with `secret` (digests first, so lengths leak nothing). */
export function secretMatches(secret: string, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string' || given === '') return false;
  return timingSafeEqual(digest(secret), digest(given));
}

/** The credential of an `authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer +(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
