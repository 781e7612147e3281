// Delivers mail jobs (repositories/mail-outbox.ts) over SMTP. Woken like the outbox relay: by
// NOTIFY (new jobs), by a timer when a retry is due, and by a slow safety poll. A failed send
// reschedules the job with backoff; after `maxAttempts` tries, or once the job has expired (the
// reset link would no longer work), the job is abandoned and logged. Delivery is at least once:
// a crash between the SMTP "250" and marking the job sent sends it again after the lease.
import { retryDelayMs, type BackoffPolicy } from '@tracklore/shared/backoff';
import type { Clock } from '@tracklore/shared/clock';
import type { Logger } from '@tracklore/shared/logger';
import type { Db } from '../db.ts';
import type { Mailer } from '../mail/mailer.ts';
import { claimDueMail, mailBacklog, markMailAbandoned, markMailFailed, markMailSent, type MailJobRow } from '../repositories/mail-outbox.ts';
import { WakeableLoop, type NextRound } from './wakeable-loop.ts';

export interface MailSenderOptions {
  db: Db;
  mailer: Mailer;
  logger: Logger;
  clock: Clock;
  /** Safety poll in ms. */
  pollIntervalMs: number;
  backoff: BackoffPolicy;
  /** Tries per job before it is abandoned. */
  maxAttempts: number;
  /** Jobs claimed per round. Default 10. */
  batchSize?: number;
  /** How long claimed jobs are reserved for one round, in ms. Default 300000 (a dead server costs ~10 s per job). */
  leaseMs?: number;
}

export interface MailSenderState {
  lastSentAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
}

export class MailSender {
  private readonly loop: WakeableLoop;
  private lastSentAt: Date | null = null;
  private lastError: { message: string; at: Date } | null = null;

  constructor(private readonly options: MailSenderOptions) {
    this.loop = new WakeableLoop(() => this.round(), options.clock);
  }

  start(): void {
    this.loop.wake();
  }

  /** Look for due jobs now (coalesced with a round in progress). */
  wake(): void {
    this.loop.wake();
  }

  state(): MailSenderState {
    return {
      lastSentAt: this.lastSentAt?.toISOString() ?? null,
      lastError: this.lastError?.message ?? null,
      lastErrorAt: this.lastError?.at.toISOString() ?? null,
    };
  }

  /** Stops waking and lets the job in progress finish (up to `waitMs`); the rest wait for their lease. Idempotent. */
  async stop(waitMs = 15_000): Promise<void> {
    await this.loop.stop(waitMs);
  }

  private async round(): Promise<NextRound> {
    try {
      const { db, batchSize = 10, leaseMs = 300_000 } = this.options;
      const jobs = await claimDueMail(db, batchSize, leaseMs);
      // Unsent jobs of this round keep their lease until it ends; a later round retries them.
      for (const job of jobs) if (!this.loop.isStopped) await this.deliver(job);
      // A full batch means more may be due right away.
      if (jobs.length === batchSize) return 'again';
    } catch (err) {
      this.options.logger.error({ err }, 'mail sender round failed');
    }
    // Stopping: no more database work (the pool closes next).
    if (this.loop.isStopped) return 0;
    return this.nextDelayMs();
  }

  private async deliver(job: MailJobRow): Promise<void> {
    const { db, logger, mailer, maxAttempts, backoff, clock } = this.options;
    if (job.expired || !job.payload) {
      await markMailAbandoned(db, job.id, 'expired before it could be delivered', false);
      logger.error({ mailId: job.id, kind: job.kind, attempts: job.attempts }, 'mail abandoned: expired before it could be delivered');
      return;
    }
    try {
      await mailer.send({ to: job.recipient, ...job.payload });
    } catch (error) {
      const err = error as Error;
      const attempts = job.attempts + 1;
      this.lastError = { message: err.message, at: clock.date() };
      if (attempts >= maxAttempts) {
        await markMailAbandoned(db, job.id, err.message, true);
        logger.error({ mailId: job.id, kind: job.kind, attempts, err: { message: err.message } }, 'mail abandoned after the last attempt');
      } else {
        await markMailFailed(db, job.id, err.message, new Date(clock.now() + retryDelayMs(attempts, backoff)));
        logger.warn({ mailId: job.id, kind: job.kind, attempts, err: { message: err.message } }, 'mail send failed; will retry');
      }
      return;
    }
    await markMailSent(db, job.id);
    this.lastSentAt = clock.date();
    logger.info({ mailId: job.id, kind: job.kind, attempts: job.attempts + 1 }, 'mail delivered');
  }

  /** Until the earlier of the next due job and the safety poll. */
  private async nextDelayMs(): Promise<number> {
    let delay = this.options.pollIntervalMs;
    try {
      const { nextDueAt } = await mailBacklog(this.options.db, this.options.clock.date());
      if (nextDueAt) delay = Math.min(delay, nextDueAt.getTime() - this.options.clock.now());
    } catch (err) {
      this.options.logger.warn({ err }, 'mail backlog query failed');
    }
    return delay;
  }
}
