// Retry delays for publishing: exponential from minMs, capped at maxMs, with "equal jitter"
// (half fixed, half random) so many failed rows do not all retry in the same instant.
export interface BackoffPolicy {
  /** Delay before the first retry, in ms. */
  minMs: number;
  /** Longest delay, in ms. */
  maxMs: number;
}

/** Delay in ms before retry number `attempt` (1 = first retry). `random` returns [0, 1). */
export function retryDelayMs(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  const ceiling = Math.min(policy.maxMs, policy.minMs * 2 ** exponent);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
