// The transactional outbox: rows written beside the change they announce, claimed by the relay
// with a lease (so a send happens outside any transaction), then marked sent or rescheduled.
import type { Prisma } from '../generated/prisma/client.ts';
import type { DbOrTx, Tx } from '../db.ts';

/** NOTIFY channel the relay LISTENs on; a notification only means "look now". */
export const OUTBOX_CHANNEL = 'auth_outbox';

export interface NewOutboxEvent {
  id: string;
  topic: string;
  key: string;
  eventType: string;
  payload: object;
  headers: Record<string, string>;
}

export interface OutboxRow {
  id: string;
  topic: string;
  key: string;
  eventType: string;
  payload: unknown;
  headers: Record<string, string>;
  attempts: number;
  createdAt: Date;
}

export async function insertOutboxEvent(tx: Tx, event: NewOutboxEvent): Promise<void> {
  await tx.outboxEvent.create({
    data: { ...event, payload: event.payload as Prisma.InputJsonObject, headers: event.headers },
  });
  // Delivered at commit, and only if the transaction commits.
  await tx.$executeRaw`SELECT pg_notify(${OUTBOX_CHANNEL}, '')`;
}

/**
 * Claims up to `limit` due rows for `leaseMs`: nobody else picks them up until the lease ends, so
 * a crashed relay's rows are retried once it ends. SKIP LOCKED lets several instances relay at once.
 */
export async function claimDueEvents(db: DbOrTx, limit: number, leaseMs: number): Promise<OutboxRow[]> {
  const rows = await db.$queryRaw<Array<OutboxRow>>`
    UPDATE outbox_events SET next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000})
    WHERE id IN (
      SELECT id FROM outbox_events WHERE sent_at IS NULL AND next_attempt_at <= now()
      ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id, topic, key, event_type AS "eventType", payload, headers, attempts, created_at AS "createdAt"`;
  return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/** Extends the lease of rows this relay is still sending (see outbox/lease.ts). */
export async function renewLease(db: DbOrTx, ids: readonly string[], leaseMs: number): Promise<void> {
  await db.$executeRaw`
    UPDATE outbox_events SET next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000})
    WHERE id = ANY(${[...ids]}::uuid[]) AND sent_at IS NULL`;
}

export async function markSent(db: DbOrTx, ids: readonly string[]): Promise<void> {
  await db.$executeRaw`
    UPDATE outbox_events SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY(${[...ids]}::uuid[])`;
}

/** Records a failed attempt per row with its own next attempt time. */
export async function markFailed(db: DbOrTx, failures: ReadonlyArray<{ id: string; nextAttemptAt: Date }>, error: string): Promise<void> {
  if (failures.length === 0) return;
  await db.$executeRaw`
    UPDATE outbox_events AS o SET attempts = o.attempts + 1, last_error = ${error.slice(0, 2000)}, next_attempt_at = f.next_at
    FROM unnest(${failures.map((f) => f.id)}::uuid[], ${failures.map((f) => f.nextAttemptAt)}::timestamptz[]) AS f(id, next_at)
    WHERE o.id = f.id`;
}

export interface OutboxBacklog {
  pending: number;
  /** Age of the oldest unsent row in seconds, or null when nothing is pending. */
  oldestPendingSeconds: number | null;
  /** Next time an unsent row is due, or null when nothing is pending. */
  nextDueAt: Date | null;
}

export async function outboxBacklog(db: DbOrTx, now: Date): Promise<OutboxBacklog> {
  const [row] = await db.$queryRaw<Array<{ pending: bigint; oldest: Date | null; next_due: Date | null }>>`
    SELECT count(*) AS pending, min(created_at) AS oldest, min(next_attempt_at) AS next_due FROM outbox_events WHERE sent_at IS NULL`;
  const pending = Number(row?.pending ?? 0);
  return {
    pending,
    oldestPendingSeconds: row?.oldest ? Math.max(0, Math.round((now.getTime() - row.oldest.getTime()) / 1000)) : null,
    nextDueAt: row?.next_due ?? null,
  };
}

/** Deletes sent rows older than `olderThan`; returns how many. */
export async function deleteSentBefore(db: DbOrTx, olderThan: Date): Promise<number> {
  const result = await db.outboxEvent.deleteMany({ where: { sentAt: { lt: olderThan } } });
  return result.count;
}
