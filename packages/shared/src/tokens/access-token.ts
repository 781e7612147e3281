// Access-token verification, shared by every service that accepts the auth subgraph's tokens.
// Algorithms, issuer and audience are pinned; the key comes from the auth subgraph's JWKS.
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
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
}

export type AccessTokenVerifier = (token: string) => Promise<AccessTokenClaims>;

export function createAccessTokenVerifier(options: AccessTokenVerifierOptions): AccessTokenVerifier {
  const keys =
    options.keys ??
    (options.jwksUrl
      ? createRemoteJWKSet(new URL(options.jwksUrl), { timeoutDuration: options.jwksTimeoutMs ?? 3000, cooldownDuration: 30_000 })
      : undefined);
  if (!keys) throw new TypeError('createAccessTokenVerifier needs `keys` or `jwksUrl`');
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, keys, {
        algorithms: [...ACCESS_TOKEN_ALGORITHMS],
        issuer: options.issuer,
        audience: options.audience,
        clockTolerance: options.clockToleranceSeconds ?? 5,
        requiredClaims: ['sub', 'exp', 'iat', 'jti', 'roles', 'sid'],
      });
      const userId = Number(payload.sub);
      const roles = payload.roles;
      if (!Number.isSafeInteger(userId) || userId <= 0) throw new AppError('UNAUTHENTICATED', 'access token has an invalid subject');
      if (!Array.isArray(roles) || !roles.every((r) => r === 'USER' || r === 'ADMIN')) {
        throw new AppError('UNAUTHENTICATED', 'access token has invalid roles');
      }
      return { userId, roles: roles as Role[], sessionId: String(payload.sid), jti: String(payload.jti), exp: payload.exp as number };
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
