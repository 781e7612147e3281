// What the domain functions work with. Built once in app.ts; tests of pure parts need none of it.
import type { Clock } from '@tracklore/shared/clock';
import type { Logger } from '@tracklore/shared/logger';
import type { AccessTokenVerifier, Role } from '@tracklore/shared/tokens/access-token';
import type { AuthConfig } from '../config.ts';
import type { Db } from '../db.ts';
import type { KeyRing } from '../tokens/key-ring.ts';
import type { BackgroundTasks } from './background.ts';
import type { PasswordHasher } from './password-hasher.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { SessionCache } from './session-cache.ts';

export interface AuthServices {
  config: AuthConfig;
  db: Db;
  hasher: PasswordHasher;
  keys: KeyRing;
  /** Verifies this service's own access tokens (own keys; alg, iss, aud pinned). */
  verifyAccessToken: AccessTokenVerifier;
  limiter: RateLimiter;
  /** Active sessions for reads (see session-cache.ts). */
  sessionCache: SessionCache;
  background: BackgroundTasks;
  logger: Logger;
  clock: Clock;
}

/** The signed-in user behind a request: a verified access token whose session is active. */
export interface Viewer {
  userId: number;
  sessionId: string;
  /** Current roles from the database (not the token's copy). */
  roles: Role[];
}

/** Who is calling, as the router reports it (trusted: requests are router-signed). */
export interface ClientInfo {
  address: string | null;
  userAgent: string | null;
  /** W3C trace context of the request (forwarded by the router), carried into the headers of the events it causes. */
  traceparent?: string | null;
}
