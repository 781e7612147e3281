// A consecutive-failure circuit breaker: after `failureThreshold` failures in a row it opens and
// refuses calls for `openMs`, then lets one trial call through (half-open); that call's outcome
// closes or re-opens it. Callers fail fast instead of piling up on a dead dependency.
import type { Clock } from '@tracklore/shared/clock';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. Default 5. */
  failureThreshold?: number;
  /** How long the circuit stays open before a trial call, in ms. Default 10000. */
  openMs?: number;
  clock: Clock;
}

export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private trialInFlight = false;
  private readonly failureThreshold: number;
  private readonly openMs: number;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.failureThreshold = options.failureThreshold ?? 5;
    this.openMs = options.openMs ?? 10_000;
    if (!Number.isInteger(this.failureThreshold) || this.failureThreshold < 1) throw new TypeError('failureThreshold must be a positive integer');
    if (!(this.openMs >= 0)) throw new TypeError('openMs must be a non-negative number');
  }

  get state(): BreakerState {
    if (this.failures < this.failureThreshold) return 'closed';
    return this.options.clock.now() - this.openedAt >= this.openMs ? 'half-open' : 'open';
  }

  /** Milliseconds until a trial call is allowed; 0 when calls are allowed now. */
  retryInMs(): number {
    return this.state === 'open' ? Math.max(0, this.openedAt + this.openMs - this.options.clock.now()) : 0;
  }

  /** Whether a call may go out now. In half-open state only one trial call at a time may. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  onSuccess(): void {
    this.failures = 0;
    this.trialInFlight = false;
  }

  onFailure(): void {
    this.trialInFlight = false;
    this.failures += 1;
    if (this.failures >= this.failureThreshold) this.openedAt = this.options.clock.now();
  }
}
