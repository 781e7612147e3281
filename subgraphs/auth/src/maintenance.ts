// Housekeeping that keeps the auth tables small: old rate-limit windows, published outbox rows,
// finished mail jobs, dead reset and verification tokens and long-ended sessions. Runs on a slow timer; any instance may run it.
import type { Clock } from '@tracklore/shared/clock';
import type { Logger } from '@tracklore/shared/logger';
import type { AuthConfig } from './config.ts';
import type { Db } from './db.ts';
import { deleteFinishedMailBefore } from './repositories/mail-outbox.ts';
import { deleteSentBefore } from './repositories/outbox.ts';
import { deleteOldBuckets } from './repositories/rate-limits.ts';
import { deleteExpiredResetTokens } from './repositories/reset-tokens.ts';
import { deleteEndedSessions } from './repositories/sessions.ts';
import { deleteExpiredVerificationTokens } from './repositories/verification-tokens.ts';

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
/** Published outbox rows are kept this long for inspection and replays. */
export const OUTBOX_RETENTION_MS = 7 * DAY_MS;
/** Ended sessions (and their token history) are kept this long. */
export const ENDED_SESSION_RETENTION_MS = 7 * DAY_MS;

export async function runMaintenance(db: Db, config: AuthConfig, now: Date): Promise<Record<string, number>> {
  const longestWindowMs = Math.max(...Object.values(config.rateLimits).map((r) => r.windowSeconds)) * 1000;
  const t = now.getTime();
  return {
    rateLimitBuckets: await deleteOldBuckets(db, new Date(t - longestWindowMs - HOUR_MS)),
    outboxEvents: await deleteSentBefore(db, new Date(t - OUTBOX_RETENTION_MS)),
    mailJobs: await deleteFinishedMailBefore(db, new Date(t - OUTBOX_RETENTION_MS)),
    resetTokens: await deleteExpiredResetTokens(db, new Date(t - DAY_MS)),
    verificationTokens: await deleteExpiredVerificationTokens(db, new Date(t - DAY_MS)),
    sessions: await deleteEndedSessions(db, new Date(t - ENDED_SESSION_RETENTION_MS)),
  };
}

/** Runs maintenance every `intervalMs` (first run after one interval); returns the stop function. */
export function scheduleMaintenance(db: Db, config: AuthConfig, logger: Logger, clock: Clock, intervalMs = 10 * 60_000): () => void {
  const timer = setInterval(() => {
    runMaintenance(db, config, clock.date()).then(
      (deleted) => logger.debug({ deleted }, 'maintenance done'),
      (err: unknown) => logger.warn({ err }, 'maintenance failed'),
    );
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
