// Access-token verification, shared by every service that accepts the auth subgraph's tokens.
// Algorithms, issuer and audience are pinned; the key comes from the auth subgraph's JWKS.
// A token that verified is remembered (by its exact text) until it expires: the Ed25519 check
// through WebCrypto was ~20 % of the auth subgraph's CPU on `me` and ~6 % of the user
// subgraph's (bench/README.md), and a client sends the same token with every request of its
// 15 minutes. A hit still checks expiry, and asks the key source for the token's key again (a
// lookup, no signature check): when that key left the key set, or was reloaded, the token is
// verified in full again, so removing a key still ends its tokens at once. Failures are never
// remembered.
import { createRemoteJWKSet, errors, jwtVerify, type CompactJWSHeaderParameters, type FlattenedJWSInput, type JWTVerifyGetKey } from 'jose';
import { systemClock, type Clock } from '../clock.ts';
import { AppError } from '../errors.ts';

export const ACCESS_TOKEN_ALGORITHMS = ['EdDSA'] as const;
export type Role = 'USER' | 'ADMIN';

export interface AccessTokenClaims {
  /** Auth user id (the JWT `sub`, as a number). */
  userId: number;
  roles: Role[];
  /** Session id: introspection answers false once it is revoked. */
  sessionId: string;
  jti: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export interface AccessTokenVerifierOptions {
  /** Key source; defaults to a remote JWKS at `jwksUrl` (cached, refreshed on unknown kid). */
  keys?: JWTVerifyGetKey;
  jwksUrl?: string;
  issuer: string;
  audience: string;
  /** Allowed clock skew in seconds. Default 5. */
  clockToleranceSeconds?: number;
  /** JWKS fetch timeout in ms. Default 3000. */
  jwksTimeoutMs?: number;
  /** Most verified tokens remembered (oldest dropped first); 0 turns the cache off. Default 10000. */
  cacheMaxEntries?: number;
  /** Expiry is checked against it (jose's `currentDate`, and every cache hit). Default systemClock. */
  clock?: Clock;
}

export type AccessTokenVerifier = (token: string) => Promise<AccessTokenClaims>;

/** A token that verified: its claims, and the key (as the key source returned it) that checked it. */
interface Verified {
  claims: AccessTokenClaims;
  /** What the key source is asked with again on a hit. */
  header: CompactJWSHeaderParameters;
  input: FlattenedJWSInput;
  key: unknown;
}

export function createAccessTokenVerifier(options: AccessTokenVerifierOptions): AccessTokenVerifier {
  const keys =
    options.keys ??
    (options.jwksUrl
      ? createRemoteJWKSet(new URL(options.jwksUrl), { timeoutDuration: options.jwksTimeoutMs ?? 3000, cooldownDuration: 30_000 })
      : undefined);
  if (!keys) throw new TypeError('createAccessTokenVerifier needs `keys` or `jwksUrl`');
  const clock = options.clock ?? systemClock;
  const toleranceSeconds = options.clockToleranceSeconds ?? 5;
  const maxEntries = options.cacheMaxEntries ?? 10_000;
  const verified = new Map<string, Verified>();

  const remember = (token: string, entry: Verified) => {
    if (maxEntries <= 0) return;
    verified.set(token, entry);
    for (const key of verified.keys()) {
      if (verified.size <= maxEntries) break;
      verified.delete(key);
    }
  };

  /** The remembered claims, if the token has not expired and its key is still the one it was checked with. */
  const remembered = async (token: string): Promise<AccessTokenClaims | undefined> => {
    const hit = verified.get(token);
    if (!hit) return undefined;
    // jose's own rule: expired once exp <= now - tolerance.
    if (hit.claims.exp > clock.now() / 1000 - toleranceSeconds) {
      const key = await (async () => keys(hit.header, hit.input))().catch(() => undefined);
      if (key !== undefined && key === hit.key) return hit.claims;
    }
    verified.delete(token);
    return undefined;
  };

  return async (token) => {
    const hit = await remembered(token);
    if (hit) return hit;
    try {
      const { payload, protectedHeader, key } = await jwtVerify(token, keys, {
        algorithms: [...ACCESS_TOKEN_ALGORITHMS],
        issuer: options.issuer,
        audience: options.audience,
        clockTolerance: toleranceSeconds,
        currentDate: new Date(clock.now()),
        requiredClaims: ['sub', 'exp', 'iat', 'jti', 'roles', 'sid'],
      });
      const userId = Number(payload.sub);
      const roles = payload.roles;
      if (!Number.isSafeInteger(userId) || userId <= 0) throw new AppError('UNAUTHENTICATED', 'access token has an invalid subject');
      if (!Array.isArray(roles) || !roles.every((r) => r === 'USER' || r === 'ADMIN')) {
        throw new AppError('UNAUTHENTICATED', 'access token has invalid roles');
      }
      const claims = Object.freeze({ userId, roles: Object.freeze([...roles]) as Role[], sessionId: String(payload.sid), jti: String(payload.jti), exp: payload.exp as number });
      const [protectedPart = '', payloadPart = '', signature = ''] = token.split('.');
      remember(token, { claims, header: { alg: protectedHeader.alg, kid: protectedHeader.kid }, input: { protected: protectedPart, payload: payloadPart, signature }, key });
      return claims;
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (error instanceof errors.JWKSTimeout || (error instanceof Error && /fetch failed|ECONNREFUSED/.test(error.message))) {
        throw new AppError('SERVICE_UNAVAILABLE', 'token keys are unavailable right now');
      }
      if (error instanceof errors.JWTExpired) throw new AppError('UNAUTHENTICATED', 'access token expired');
      throw new AppError('UNAUTHENTICATED', 'access token is invalid');
    }
  };
}

/** Extracts the bearer token from an Authorization header value, if any. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}
