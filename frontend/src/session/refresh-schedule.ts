// When to refresh an access token: pure arithmetic, so the timing rules are unit-tested without
// timers. All durations are milliseconds unless a name says seconds.

/** Refresh at least this long before expiry (clock skew, slow networks). */
export const MIN_LEAD_MS = 5_000;
/** ...and never earlier than this before expiry, so a 15-minute token lives ~14 minutes. */
export const MAX_LEAD_MS = 60_000;
/** Longest wait between retries when the refresh endpoint is unreachable. */
export const MAX_RETRY_DELAY_MS = 30_000;
/** setTimeout overflows above 2^31-1 ms (~24.8 days) and would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * How long before expiry to refresh a token that lives `ttlMs`: 10% of its life, clamped to
 * [MIN_LEAD_MS, MAX_LEAD_MS], but at most half its life so very short tokens still get used.
 */
export function refreshLeadMs(ttlMs: number): number {
  const lead = Math.min(MAX_LEAD_MS, Math.max(MIN_LEAD_MS, ttlMs * 0.1));
  return Math.min(lead, ttlMs / 2);
}

/** Delay from now until the refresh of a token issued now with `expiresIn` seconds to live. */
export function refreshDelayMs(expiresInSeconds: number): number {
  const ttlMs = Number.isFinite(expiresInSeconds) ? Math.max(0, expiresInSeconds * 1000) : 0;
  return Math.min(MAX_TIMER_MS, Math.round(ttlMs - refreshLeadMs(ttlMs)));
}

/**
 * True when a token expiring at `expiresAtMs` should be refreshed before use: a timer may not
 * have fired (background tabs are throttled, laptops sleep), so requests check this too.
 */
export function needsRefresh(expiresAtMs: number, nowMs: number, marginMs = MIN_LEAD_MS): boolean {
  return nowMs >= expiresAtMs - marginMs;
}

/** Backoff after the n-th consecutive failed refresh (n from 0): 1 s, 2 s, 4 s ... capped. */
export function retryDelayMs(attempt: number): number {
  return Math.min(MAX_RETRY_DELAY_MS, 1_000 * 2 ** Math.max(0, attempt));
}
