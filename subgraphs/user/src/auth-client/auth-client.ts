// Client for the auth subgraph's internal service API (conventions: "Internal service API").
// Every attempt has a timeout; failed attempts of these read-only calls are retried a bounded
// number of times with exponential backoff inside an overall deadline; a circuit breaker makes
// callers fail at once while auth is down. Failures surface as AppError SERVICE_UNAVAILABLE, so
// only the operations that need auth fail, and they fail quickly.
import { z } from 'zod';
import { retryDelayMs } from '@tracklore/shared/backoff';
import { AppError } from '@tracklore/shared/errors';
import type { Role } from '@tracklore/shared/tokens/access-token';
import type { Logger } from '@tracklore/shared/logger';
import { CircuitBreaker, type BreakerState } from './circuit-breaker.ts';
import { systemClock, type Clock } from '@tracklore/shared/clock';

export interface AuthUser {
  id: number;
  roles: Role[];
  createdAt: string;
}

export type Introspection = { active: false } | { active: true; userId: number; sessionId: string; roles: Role[]; exp: number };

export interface AuthClient {
  /** The auth user with this id, or null when auth answers 404. */
  getUser(id: number): Promise<AuthUser | null>;
  /** Whether the access token is still good at auth (signature, expiry, session, user). */
  introspect(token: string): Promise<Introspection>;
  readonly breakerState: BreakerState;
}

export interface AuthClientOptions {
  /** Base URL of the auth subgraph (AUTH_URL). */
  baseUrl: string;
  /** Sent as `x-service-secret` (INTERNAL_API_SECRET). */
  serviceSecret: string;
  /** Per-attempt timeout in ms. Default 1000. */
  timeoutMs?: number;
  /** Extra attempts after the first for calls that are safe to repeat. Default 2. */
  retries?: number;
  /** First backoff in ms; doubles per retry, with jitter. Default 100. */
  backoffMs?: number;
  /** Overall budget of one call including retries, in ms. Default 2500. */
  deadlineMs?: number;
  /** Consecutive failed attempts that open the circuit. Default 5. */
  breakerThreshold?: number;
  /** How long the open circuit refuses calls, in ms. Default 10000. */
  breakerOpenMs?: number;
  fetch?: typeof fetch;
  clock?: Clock;
  /** Jitter source in [0, 1). Default Math.random. */
  random?: () => number;
  logger?: Logger;
}

const roleSchema = z.enum(['USER', 'ADMIN']);
const userSchema = z.object({ id: z.number().int().positive(), roles: z.array(roleSchema), createdAt: z.string() });
const introspectionSchema = z.union([
  z.object({ active: z.literal(true), userId: z.number().int().positive(), sessionId: z.string().min(1), roles: z.array(roleSchema), exp: z.number() }),
  z.object({ active: z.literal(false) }),
]);

interface Answer {
  status: number;
  body: unknown;
}

/** A failure worth another attempt (network, timeout, 5xx). */
class TransientFailure extends Error {}

const unavailable = (retryAfterMs?: number) =>
  new AppError('SERVICE_UNAVAILABLE', 'the auth service is unavailable right now; try again shortly', retryAfterMs ? { retryAfter: Math.ceil(retryAfterMs / 1000) } : {});

export function createAuthClient(options: AuthClientOptions): AuthClient {
  const fetchImpl = options.fetch ?? fetch;
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const timeoutMs = options.timeoutMs ?? 1000;
  const retries = options.retries ?? 2;
  const backoffMs = options.backoffMs ?? 100;
  const deadlineMs = options.deadlineMs ?? 2500;
  if (!Number.isInteger(retries) || retries < 0) throw new TypeError('retries must be a non-negative integer');
  if (!(timeoutMs > 0) || !(deadlineMs > 0)) throw new TypeError('timeoutMs and deadlineMs must be positive');
  const base = new URL(options.baseUrl).href.replace(/\/+$/, '');
  const breaker = new CircuitBreaker({ clock, failureThreshold: options.breakerThreshold ?? 5, openMs: options.breakerOpenMs ?? 10_000 });

  /** One HTTP exchange, bounded by `ms`; network errors, timeouts and 5xx become TransientFailure. */
  async function attempt(path: string, init: RequestInit, ms: number): Promise<Answer> {
    const controller = new AbortController();
    const timer = new AbortController();
    const exchange = (async () => {
      const response = await fetchImpl(`${base}${path}`, { ...init, signal: controller.signal, redirect: 'error' });
      const text = await response.text();
      let body: unknown;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        body = undefined;
      }
      return { status: response.status, body };
    })();
    const timeout = clock.sleep(ms, timer.signal).then(
      () => {
        controller.abort();
        throw new TransientFailure(`no answer within ${ms} ms`);
      },
      () => new Promise<never>(() => {}), // cancelled: the exchange settled first
    );
    try {
      const answer = await Promise.race([exchange, timeout]);
      if (answer.status >= 500) throw new TransientFailure(`auth answered ${answer.status}`);
      return answer;
    } catch (error) {
      if (error instanceof TransientFailure) throw error;
      throw new TransientFailure(`request failed: ${(error as Error).message}`);
    } finally {
      timer.abort();
      exchange.catch(() => {}); // a timed-out exchange may reject later; nobody waits for it
    }
  }

  /** Runs a repeatable call with retries, the deadline and the breaker. */
  async function call(path: string, init: RequestInit): Promise<Answer> {
    const started = clock.now();
    let lastError: Error | undefined;
    for (let attemptNo = 0; attemptNo <= retries; attemptNo++) {
      if (!breaker.tryAcquire()) {
        options.logger?.warn({ path, lastError: lastError?.message }, 'auth circuit open: failing fast');
        throw unavailable(breaker.retryInMs());
      }
      const remaining = deadlineMs - (clock.now() - started);
      try {
        const answer = await attempt(path, init, Math.min(timeoutMs, Math.max(1, remaining)));
        breaker.onSuccess();
        return answer;
      } catch (error) {
        breaker.onFailure();
        lastError = error as Error;
      }
      const backoff = retryDelayMs(attemptNo + 1, { baseMs: backoffMs, jitter: true }, random);
      if (attemptNo === retries || clock.now() - started + backoff >= deadlineMs) break;
      await clock.sleep(backoff);
    }
    options.logger?.warn({ path, err: lastError?.message }, 'auth service call failed');
    throw unavailable();
  }

  const headers = { 'x-service-secret': options.serviceSecret, accept: 'application/json' };

  function unexpected(path: string, answer: Answer): AppError {
    // 401 here means our INTERNAL_API_SECRET is wrong: an operator problem, not the caller's.
    options.logger?.error({ path, status: answer.status }, 'unexpected answer from the auth internal API');
    return unavailable();
  }

  return {
    get breakerState() {
      return breaker.state;
    },
    async getUser(id) {
      if (!Number.isSafeInteger(id) || id <= 0) throw new TypeError('user id must be a positive integer');
      const path = `/internal/users/${id}`;
      const answer = await call(path, { method: 'GET', headers });
      if (answer.status === 404) return null;
      const parsed = answer.status === 200 ? userSchema.safeParse(answer.body) : undefined;
      if (!parsed?.success) throw unexpected(path, answer);
      return { id: parsed.data.id, roles: parsed.data.roles, createdAt: parsed.data.createdAt };
    },
    // Introspection only reads session state at auth, so repeating it is as safe as a GET.
    async introspect(token) {
      const path = '/internal/introspect';
      const answer = await call(path, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
      const parsed = answer.status === 200 ? introspectionSchema.safeParse(answer.body) : undefined;
      if (!parsed?.success) throw unexpected(path, answer);
      return parsed.data;
    },
  };
}
