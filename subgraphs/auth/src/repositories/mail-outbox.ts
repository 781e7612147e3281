// Mail jobs (table mail_outbox): written beside the change they announce, claimed by the mail
// sender with a lease (so SMTP talk happens outside any transaction), then marked sent, rescheduled
// or abandoned. payload holds the rendered message, whose link carries the raw token: it is
// cleared (NULL) the moment a job is sent or abandoned, so only undelivered mail keeps a secret.
import { randomUUID } from 'node:crypto';
import type { OutgoingMail } from '../mail/mailer.ts';
import type { DbOrTx, Tx } from '../db.ts';

/** NOTIFY channel the mail sender LISTENs on; a notification only means "look now". */
export const MAIL_CHANNEL = 'auth_mail';

export interface MailJobRow {
  id: string;
  kind: string;
  recipient: string;
  payload: Omit<OutgoingMail, 'to'> | null;
  attempts: number;
  /** True when the job's expiry (the reset token's) has passed: the link would be useless. */
  expired: boolean;
}

/** Kinds of mail the service sends. */
export type MailKind = 'password-reset' | 'email-verification';

/** `userId`: the account the mail is about; deleting the account deletes its mail (cascade). */
export async function insertMailJob(tx: Tx, job: { kind: MailKind; userId: number; mail: OutgoingMail; expiresAt: Date }): Promise<void> {
  const { to, ...message } = job.mail;
  await tx.mailJob.create({ data: { id: randomUUID(), kind: job.kind, userId: job.userId, recipient: to, payload: { ...message }, expiresAt: job.expiresAt } });
  // Delivered at commit, and only if the transaction commits.
  await tx.$executeRaw`SELECT pg_notify(${MAIL_CHANNEL}, '')`;
}

/** Claims up to `limit` due jobs for `leaseMs` (SKIP LOCKED: several instances may send at once). */
export async function claimDueMail(db: DbOrTx, limit: number, leaseMs: number): Promise<MailJobRow[]> {
  const rows = await db.$queryRaw<Array<MailJobRow & { createdAt: Date }>>`
    UPDATE mail_outbox SET next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000})
    WHERE id IN (
      SELECT id FROM mail_outbox WHERE sent_at IS NULL AND abandoned_at IS NULL AND next_attempt_at <= now()
      ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id, kind, recipient, payload, attempts, expires_at <= now() AS expired, created_at AS "createdAt"`;
  return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map(({ createdAt: _, ...row }) => row);
}

export async function markMailSent(db: DbOrTx, id: string): Promise<void> {
  await db.$executeRaw`
    UPDATE mail_outbox SET sent_at = now(), attempts = attempts + 1, last_error = NULL, payload = NULL WHERE id = ${id}::uuid`;
}

export async function markMailFailed(db: DbOrTx, id: string, error: string, nextAttemptAt: Date): Promise<void> {
  await db.$executeRaw`
    UPDATE mail_outbox SET attempts = attempts + 1, last_error = ${error.slice(0, 2000)}, next_attempt_at = ${nextAttemptAt} WHERE id = ${id}::uuid`;
}

/** Gives up on a job for good; `attempted` says whether this round tried (and failed) to send it. */
export async function markMailAbandoned(db: DbOrTx, id: string, reason: string, attempted: boolean): Promise<void> {
  await db.$executeRaw`
    UPDATE mail_outbox SET abandoned_at = now(), payload = NULL, last_error = ${reason.slice(0, 2000)},
      attempts = attempts + ${attempted ? 1 : 0} WHERE id = ${id}::uuid`;
}

export interface MailBacklog {
  pending: number;
  /** Age of the oldest undelivered job in seconds, or null when nothing is pending. */
  oldestPendingSeconds: number | null;
  /** Next time a pending job is due, or null when nothing is pending. */
  nextDueAt: Date | null;
  /** Jobs given up on in the last 24 hours. */
  abandonedLastDay: number;
}

export async function mailBacklog(db: DbOrTx, now: Date): Promise<MailBacklog> {
  const [row] = await db.$queryRaw<Array<{ pending: bigint; oldest: Date | null; next_due: Date | null; abandoned: bigint }>>`
    SELECT count(*) FILTER (WHERE sent_at IS NULL AND abandoned_at IS NULL) AS pending,
           min(created_at) FILTER (WHERE sent_at IS NULL AND abandoned_at IS NULL) AS oldest,
           min(next_attempt_at) FILTER (WHERE sent_at IS NULL AND abandoned_at IS NULL) AS next_due,
           count(*) FILTER (WHERE abandoned_at > now() - interval '1 day') AS abandoned
    FROM mail_outbox WHERE (sent_at IS NULL AND abandoned_at IS NULL) OR abandoned_at > now() - interval '1 day'`;
  return {
    pending: Number(row?.pending ?? 0),
    oldestPendingSeconds: row?.oldest ? Math.max(0, Math.round((now.getTime() - row.oldest.getTime()) / 1000)) : null,
    nextDueAt: row?.next_due ?? null,
    abandonedLastDay: Number(row?.abandoned ?? 0),
  };
}

/** Deletes sent or abandoned jobs finished before `olderThan`; returns how many. */
export async function deleteFinishedMailBefore(db: DbOrTx, olderThan: Date): Promise<number> {
  const result = await db.mailJob.deleteMany({ where: { OR: [{ sentAt: { lt: olderThan } }, { abandonedAt: { lt: olderThan } }] } });
  return result.count;
}
