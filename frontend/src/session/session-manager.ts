// The browser's session: the access token lives only in this object's memory; the refresh token
// goes to a TokenStore (sessionStorage in the app, see README "Token handling"). Everything that
// talks to the outside (the refreshSession call, storage, clock and timers) is injected, so the
// rules below are unit-tested without a browser or a server.
import { needsRefresh, refreshDelayMs, retryDelayMs } from './refresh-schedule.ts';

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  /** Access token lifetime in seconds, as the server sent it. */
  expiresIn: number;
  userId: string;
}

/** What one refreshSession call came to. */
export type RefreshResult =
  | { kind: 'ok'; tokens: SessionTokens }
  /**
   * The server refused the refresh token (expired, revoked, reused): the session is over.
   * `notice` replaces the generic "session expired" one when the refusal says more (disabled account).
   */
  | { kind: 'rejected'; notice?: string }
  /** Network down, rate limited, service unavailable: the session may still be good. */
  | { kind: 'unavailable' };

export type SessionState =
  | { status: 'restoring' }
  /** A refresh token was stored but the server could not be reached to use it. */
  | { status: 'unavailable' }
  | { status: 'signed-in'; userId: string }
  /**
   * `expired`: the session ended by itself (refused refresh, revoked elsewhere), so after logging
   * in again the person goes back where they were; `logged-out`: they chose to leave.
   */
  | { status: 'signed-out'; notice: string | null; reason: SignOutReason };

export type SignOutReason = 'logged-out' | 'expired';

/** Where the refresh token is kept between page loads. */
export interface TokenStore {
  read(): string | null;
  write(token: string | null): void;
}

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SessionManagerOptions {
  refresh: (refreshToken: string) => Promise<RefreshResult>;
  store: TokenStore;
  /** Defaults to Date.now and the global timers. */
  clock?: Clock;
}

export const SESSION_EXPIRED_NOTICE = 'Your session has expired or was ended. Please log in again.';

const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class SessionManager {
  private state: SessionState = { status: 'restoring' };
  private readonly listeners = new Set<() => void>();
  private readonly clock: Clock;
  private accessToken: string | null = null;
  private expiresAt = 0;
  private timer: unknown = null;
  private failures = 0;
  private inflight: Promise<RefreshResult> | null = null;
  /** Bumped whenever the session changes hands, so late refresh answers are dropped. */
  private generation = 0;

  constructor(private readonly options: SessionManagerOptions) {
    this.clock = options.clock ?? systemClock;
  }

  getState = (): SessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** On page load: trade a stored refresh token for an access token, or start signed out. */
  async restore(): Promise<void> {
    if (!this.options.store.read()) {
      this.setState({ status: 'signed-out', notice: null, reason: 'logged-out' });
      return;
    }
    this.setState({ status: 'restoring' });
    const result = await this.refresh();
    if (result.kind === 'unavailable' && this.state.status === 'restoring') this.setState({ status: 'unavailable' });
  }

  /** After signUp or logIn. */
  signIn(tokens: SessionTokens): void {
    this.generation += 1;
    this.failures = 0;
    this.accept(tokens);
  }

  /** Ends the session locally (the caller has told the server, if it could). */
  end(notice: string | null, reason: SignOutReason = 'logged-out'): void {
    this.generation += 1;
    this.accessToken = null;
    this.expiresAt = 0;
    this.cancelTimer();
    this.options.store.write(null);
    this.setState({ status: 'signed-out', notice, reason });
  }

  /** The refresh token, for logOut. */
  refreshToken(): string | null {
    return this.options.store.read();
  }

  /** A usable access token for the next request, refreshing first if it is about to expire. */
  async getAccessToken(): Promise<string | null> {
    if (this.state.status !== 'signed-in') return null;
    if (this.accessToken && !needsRefresh(this.expiresAt, this.clock.now())) return this.accessToken;
    await this.refresh();
    return this.accessToken;
  }

  /**
   * The server answered UNAUTHENTICATED although we sent a token (revoked elsewhere, keys
   * rotated, clock skew). Try one refresh; true means a new token is ready and the request may
   * be retried. A refused refresh ends the session with a notice.
   */
  async recoverFromUnauthenticated(): Promise<boolean> {
    if (this.state.status !== 'signed-in') return false;
    const result = await this.refresh();
    return result.kind === 'ok';
  }

  /** One refreshSession call at a time: rotation makes a second concurrent call look like reuse. */
  refresh(): Promise<RefreshResult> {
    this.inflight ??= this.runRefresh().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async runRefresh(): Promise<RefreshResult> {
    const token = this.options.store.read();
    if (!token) {
      if (this.state.status === 'signed-in') this.end(SESSION_EXPIRED_NOTICE, 'expired');
      else this.end(null);
      return { kind: 'rejected' };
    }
    const generation = this.generation;
    let result: RefreshResult;
    try {
      result = await this.options.refresh(token);
    } catch {
      result = { kind: 'unavailable' };
    }
    if (generation !== this.generation) return result; // logged out or in again meanwhile
    switch (result.kind) {
      case 'ok':
        this.failures = 0;
        this.accept(result.tokens);
        break;
      case 'rejected':
        this.end(result.notice ?? SESSION_EXPIRED_NOTICE, 'expired');
        break;
      case 'unavailable':
        this.schedule(retryDelayMs(this.failures));
        this.failures += 1;
        break;
      default: {
        const unreachable: never = result;
        return unreachable;
      }
    }
    return result;
  }

  private accept(tokens: SessionTokens): void {
    this.options.store.write(tokens.refreshToken);
    this.accessToken = tokens.accessToken;
    this.expiresAt = this.clock.now() + Math.max(0, tokens.expiresIn) * 1000;
    this.schedule(refreshDelayMs(tokens.expiresIn));
    const current = this.state;
    if (current.status !== 'signed-in' || current.userId !== tokens.userId) {
      this.setState({ status: 'signed-in', userId: tokens.userId });
    }
  }

  private schedule(delayMs: number): void {
    this.cancelTimer();
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      void this.refresh();
    }, delayMs);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private setState(state: SessionState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}
