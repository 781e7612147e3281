// Opaque tokens (refresh, password reset): 32 random bytes, base64url. Only their SHA-256 is
// stored, so a database leak does not hand out working tokens.
import { createHash, randomBytes } from 'node:crypto';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Cheap shape check before any lookup: anything else cannot be one of ours. */
export function looksLikeOpaqueToken(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}
