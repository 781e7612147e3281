// The one backoff formula: the delay ceiling doubles from `baseMs` per retry, optionally capped at
// `maxMs`; with jitter ("equal jitter": half fixed, half random) many callers that failed together
// do not all retry in the same instant. Used by the outbox relay and mail sender, the LISTEN
// reconnect, the user subgraph's consumer retries and its auth client.
export interface BackoffPolicy {
  /** Delay ceiling before the first retry, in ms. */
  baseMs: number;
  /** Largest ceiling, in ms. Default: none. */
  maxMs?: number;
  /** Equal jitter: the delay is between half and all of the ceiling. Default false (the ceiling). */
  jitter?: boolean;
}

/** Doubling stops here, so huge retry counts cannot overflow to Infinity. */
const MAX_EXPONENT = 30;

/** Delay in whole ms before retry number `retry` (1 = first retry; below 1 counts as 1). `random` returns [0, 1). */
export function retryDelayMs(retry: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(retry, 1) - 1, MAX_EXPONENT);
  const ceiling = Math.min(policy.maxMs ?? Infinity, policy.baseMs * 2 ** exponent);
  return Math.round(policy.jitter ? ceiling / 2 + random() * (ceiling / 2) : ceiling);
}
