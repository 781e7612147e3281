// Publishes outbox rows to Kafka. Woken by NOTIFY (new rows), by a timer when a retry is due,
// and by a slow safety poll; never by a busy loop. A failed publish reschedules the rows with
// backoff and starts a fresh producer next time. Sign-ups never wait for any of this.
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { retryDelayMs, type BackoffPolicy } from '@tracklore/shared/backoff';
import type { Clock } from '@tracklore/shared/clock';
import type { Logger } from '@tracklore/shared/logger';
import { inTraceOf } from '@tracklore/shared/telemetry/trace-context';
import type { Db } from '../db.ts';
import type { RelayMetrics } from '../metrics.ts';
import { claimDueEvents, markFailed, markSent, outboxBacklog, renewLease, type OutboxRow } from '../repositories/outbox.ts';
import { holdLease } from './lease.ts';
import { WakeableLoop } from './wakeable-loop.ts';

export interface OutboxRelayOptions {
  db: Db;
  kafka: Kafka;
  logger: Logger;
  clock: Clock;
  /** Safety poll in ms. */
  pollIntervalMs: number;
  /** Rows per publish. */
  batchSize: number;
  backoff: BackoffPolicy;
  /**
   * How long claimed rows stay reserved, in ms, renewed every third of it while their publish runs:
   * a crashed relay's claims are due again this soon. Default 10000.
   */
  leaseMs?: number;
  /** Where each batch publish is reported (metrics.ts). */
  metrics?: RelayMetrics;
}

export interface KafkaState {
  state: 'connected' | 'disconnected';
  brokers?: string[];
  lastPublishedAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  consecutiveFailures: number;
}

export class OutboxRelay {
  private producer: Producer | undefined;
  private readonly loop: WakeableLoop;
  private failures = 0;
  private retryAt = 0;
  private lastPublishedAt: Date | null = null;
  private lastError: { message: string; at: Date } | null = null;
  private readonly leaseMs: number;

  constructor(private readonly options: OutboxRelayOptions) {
    this.leaseMs = options.leaseMs ?? 10_000;
    this.loop = new WakeableLoop(() => this.round(), options.clock);
  }

  start(): void {
    this.loop.wake();
  }

  /** Look for due rows now (coalesced with a run in progress). */
  wake(): void {
    this.loop.wake();
  }

  state(): KafkaState {
    return {
      state: this.producer ? 'connected' : 'disconnected',
      lastPublishedAt: this.lastPublishedAt?.toISOString() ?? null,
      lastError: this.lastError?.message ?? null,
      lastErrorAt: this.lastError?.at.toISOString() ?? null,
      consecutiveFailures: this.failures,
    };
  }

  /** Stops waking, lets a publish in progress finish (up to `waitMs`), disconnects. Idempotent. */
  async stop(waitMs = 15_000): Promise<void> {
    await this.loop.stop(waitMs);
    await this.dropProducer();
  }

  private async round(): Promise<number> {
    try {
      if (this.options.clock.now() >= this.retryAt) await this.publishDue();
    } catch (err) {
      this.options.logger.error({ err }, 'outbox relay run failed');
    }
    // Stopping: no more database work (the pool closes next).
    if (this.loop.isStopped) return 0;
    return this.nextDelayMs();
  }

  private async publishDue(): Promise<void> {
    const { db, batchSize } = this.options;
    if (!this.producer) {
      // Connect even with nothing to send, so readiness shows whether Kafka is reachable.
      try {
        await this.connectProducer();
      } catch (err) {
        await this.failed([], err as Error);
        return;
      }
    }
    while (!this.loop.isStopped) {
      const rows = await claimDueEvents(db, batchSize, this.leaseMs);
      if (rows.length === 0) return;
      const ids = rows.map((r) => r.id);
      const lease = holdLease(() => renewLease(db, ids, this.leaseMs), this.leaseMs, (err) =>
        this.options.logger.warn({ err }, 'outbox lease renewal failed'),
      );
      const reported = this.options.metrics?.publishStarted();
      try {
        // In the trace of the request that wrote the rows (their stored traceparent), when traced.
        await inTraceOf('outbox publish', rows.map((r) => r.headers), { 'outbox.events': rows.length }, () => this.publish(rows));
      } catch (err) {
        reported?.('failed', rows);
        await lease.release();
        await this.failed(rows, err as Error);
        return;
      }
      reported?.('published', rows);
      await lease.release();
      await markSent(db, ids);
      this.failures = 0;
      this.lastPublishedAt = this.options.clock.date();
      this.options.logger.debug({ count: rows.length }, 'outbox events published');
      if (rows.length < batchSize) return;
    }
  }

  private async connectProducer(): Promise<Producer> {
    // Idempotent: the broker drops duplicates of retries within one producer session. Retries are
    // bounded (kafkajs warns about that) so a dead broker fails the publish and the relay backs
    // off and retries the rows itself: delivery stays at least once, never stuck.
    const producer = this.options.kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      retry: { retries: 3, initialRetryTime: 300, maxRetryTime: 5000 },
    });
    await producer.connect();
    this.producer = producer;
    this.failures = 0;
    this.retryAt = 0;
    return producer;
  }

  private async publish(rows: OutboxRow[]): Promise<void> {
    const producer = this.producer ?? (await this.connectProducer());
    const byTopic = new Map<string, OutboxRow[]>();
    for (const row of rows) byTopic.set(row.topic, [...(byTopic.get(row.topic) ?? []), row]);
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic,
        messages: list.map((r) => ({ key: r.key, value: JSON.stringify(r.payload), headers: r.headers })),
      })),
    });
  }

  private async failed(rows: OutboxRow[], err: Error): Promise<void> {
    this.failures += 1;
    const { backoff, clock } = this.options;
    this.lastError = { message: err.message, at: clock.date() };
    this.retryAt = clock.now() + retryDelayMs(this.failures, backoff);
    this.options.logger.warn({ err: { message: err.message, name: err.name }, rows: rows.length, failures: this.failures }, 'outbox publish failed; will retry');
    // A fresh producer (new producer id) next time: a failed session's sequence state is suspect.
    await this.dropProducer();
    if (rows.length === 0) return;
    const now = clock.now();
    await markFailed(this.options.db, rows.map((r) => ({ id: r.id, nextAttemptAt: new Date(now + retryDelayMs(r.attempts + 1, backoff)) })), err.message);
  }

  private async dropProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => {});
  }

  /** Until the earliest of: the next due row, the relay's own retry time, the safety poll. */
  private async nextDelayMs(): Promise<number> {
    let delay = this.options.pollIntervalMs;
    try {
      const { nextDueAt } = await outboxBacklog(this.options.db, this.options.clock.date());
      if (nextDueAt) delay = Math.min(delay, Math.max(nextDueAt.getTime(), this.retryAt) - this.options.clock.now());
    } catch (err) {
      this.options.logger.warn({ err }, 'outbox backlog query failed');
    }
    return delay;
  }
}
