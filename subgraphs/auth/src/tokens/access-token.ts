// Access tokens this subgraph issues: short-lived EdDSA JWTs whose claims every verifier
// (shared/tokens/access-token.ts) checks. Claims are built by a pure function, signed here.
import { randomUUID } from 'node:crypto';
import { SignJWT, type CryptoKey } from 'jose';
import type { Role } from '@tracklore/shared/tokens/access-token';

export interface AccessTokenClaims {
  iss: string;
  aud: string;
  /** User id as a string. */
  sub: string;
  /** Seconds since the epoch. */
  iat: number;
  /** Seconds since the epoch: iat + ttl. */
  exp: number;
  jti: string;
  roles: Role[];
  /** Session id; revoking the session makes the token inactive. */
  sid: string;
}

export interface ClaimsInput {
  userId: number;
  roles: readonly Role[];
  sessionId: string;
  issuer: string;
  audience: string;
  /** Lifetime in seconds. */
  ttlSeconds: number;
  /** Issue time in ms since the epoch. */
  nowMs: number;
  jti?: string;
}

export function accessTokenClaims(input: ClaimsInput): AccessTokenClaims {
  const iat = Math.floor(input.nowMs / 1000);
  return {
    iss: input.issuer,
    aud: input.audience,
    sub: String(input.userId),
    iat,
    exp: iat + input.ttlSeconds,
    jti: input.jti ?? randomUUID(),
    roles: [...input.roles],
    sid: input.sessionId,
  };
}

export interface SigningKeyHandle {
  kid: string;
  alg: 'EdDSA';
  privateKey: CryptoKey;
}

export async function signAccessToken(claims: AccessTokenClaims, key: SigningKeyHandle): Promise<string> {
  const { iss, aud, sub, iat, exp, jti, ...custom } = claims;
  return new SignJWT({ ...custom })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt' })
    .setIssuer(iss)
    .setAudience(aud)
    .setSubject(sub)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .setJti(jti)
    .sign(key.privateKey);
}
