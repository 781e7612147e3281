// The Kafka edge for auth.user-created.v1: a kafkajs consumer (eachMessage with autoCommit, so an
// offset is resolved only after its message was handled and committed after the batch), a DLQ
// producer, lag reporting, and a lifecycle that outlives broker restarts: kafkajs restarts itself
// after retriable crashes, and a crash it would not restart from makes us build a new consumer.
import { Partitioners, type Consumer, type IHeaders, type Kafka, type KafkaMessage, type Producer } from 'kafkajs';
import { USER_CREATED_DLQ_TOPIC, USER_CREATED_TOPIC } from '@tracklore/shared/events/user-created';
import type { Logger } from '@tracklore/shared/logger';
import { systemClock, type Clock } from '@tracklore/shared/clock';
import { isTransientDbError, type Db } from '../db.ts';
import type { ConsumerMetrics } from '../metrics.ts';
import { recordUserCreated } from '../repositories/references.ts';
import { handleUserCreated, type HandleOutcome } from './user-created-handler.ts';

export type ConsumerPhase = 'idle' | 'starting' | 'running' | 'restarting' | 'stopping' | 'stopped';

export interface ConsumerLag {
  /** Messages not yet committed by the group, summed over partitions. */
  total: number;
  partitions: Record<string, number>;
}

export interface UserCreatedConsumerOptions {
  kafka: Kafka;
  groupId: string;
  db: Db;
  logger: Logger;
  clock?: Clock;
  /** Delay before building a new consumer after a crash kafkajs does not restart from, in ms. Default 5000. */
  restartDelayMs?: number;
  /** Where each finished message is reported, by topic and outcome (metrics.ts). */
  metrics?: ConsumerMetrics;
}

export interface UserCreatedConsumer {
  /** Starts consuming in the background; connection failures are retried, never thrown. */
  start(): void;
  /** Resolves when the consumer has (re)joined its group. */
  whenJoined(): Promise<void>;
  lag(): Promise<ConsumerLag>;
  readonly phase: ConsumerPhase;
  readonly handled: Readonly<Record<HandleOutcome, number>>;
  /** Idempotent: finishes the message in hand, commits offsets, leaves the group. */
  stop(): Promise<void>;
}

function copyHeaders(headers: IHeaders | undefined): IHeaders {
  const out: IHeaders = {};
  for (const [key, value] of Object.entries(headers ?? {})) if (value !== undefined) out[key] = value;
  return out;
}

export function createUserCreatedConsumer(options: UserCreatedConsumerOptions): UserCreatedConsumer {
  const { kafka, groupId, db, logger } = options;
  const clock = options.clock ?? systemClock;
  const log = logger.child({ component: 'user-created-consumer', groupId });
  const handled: Record<HandleOutcome, number> = { created: 0, duplicate: 0, 'dead-lettered': 0 };
  let phase: ConsumerPhase = 'idle';
  let consumer: Consumer | undefined;
  let restartTimer: NodeJS.Timeout | undefined;
  let stopped: Promise<void> | undefined;
  let onJoined: () => void = () => {};
  let joined = new Promise<void>((resolve) => (onJoined = resolve));

  // At-least-once is enough for the DLQ (a rare duplicate there is harmless), so no idempotence,
  // which kafkajs would only honour with unlimited retries.
  const producer: Producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  let producerReady: Promise<void> | undefined;
  const admin = kafka.admin();
  let adminReady: Promise<void> | undefined;
  const stopping = () => phase === 'stopping' || phase === 'stopped';

  async function deadLetter(topic: string, partition: number, message: KafkaMessage, reason: string): Promise<void> {
    producerReady ??= producer.connect().catch((error: unknown) => {
      producerReady = undefined;
      throw error;
    });
    await producerReady;
    await producer.send({
      topic: USER_CREATED_DLQ_TOPIC,
      acks: -1,
      messages: [{
        key: message.key,
        value: message.value,
        headers: { ...copyHeaders(message.headers), reason, 'original-topic': topic, 'original-partition': String(partition), 'original-offset': message.offset },
      }],
    });
    log.warn({ topic, partition, offset: message.offset, reason }, 'message sent to the dead-letter topic');
  }

  async function run(): Promise<void> {
    // A 10 s session: after a broker restart the group forgets our pre-crash membership that much sooner.
    const current = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1000, retry: { restartOnFailure: async () => !stopping() } });
    consumer = current;
    current.on(current.events.GROUP_JOIN, () => {
      if (stopping()) return;
      phase = 'running';
      onJoined();
    });
    current.on(current.events.CRASH, ({ payload }) => {
      log.error({ err: payload.error?.message, restart: payload.restart }, 'consumer crashed');
      if (payload.restart) {
        phase = 'restarting';
        joined = new Promise<void>((resolve) => (onJoined = resolve));
      } else if (consumer === current) {
        scheduleRestart();
      }
    });
    await current.connect();
    await current.subscribe({ topic: USER_CREATED_TOPIC, fromBeginning: true });
    // stop() may have run while we were connecting: its disconnect came too early to end this
    // consumer, which would otherwise go on consuming with a closed pool.
    if (stopping()) {
      await current.disconnect().catch(() => {});
      return;
    }
    await current.run({
      eachMessage: async ({ topic, partition, message, heartbeat }) => {
        const outcome = await handleUserCreated(message, {
          record: (event) => recordUserCreated(db, event),
          deadLetter: (reason) => deadLetter(topic, partition, message, reason),
          isTransient: isTransientDbError,
          isStopping: stopping,
          sleep: (ms) => clock.sleep(ms),
          heartbeat,
          logger: log,
        });
        handled[outcome] += 1;
        options.metrics?.handled(topic, outcome);
        log.debug({ partition, offset: message.offset, outcome }, 'UserCreated handled');
      },
    });
  }

  function launch(): void {
    if (stopping()) return;
    phase = 'starting';
    run().catch((error: unknown) => {
      log.error({ err: (error as Error).message }, 'consumer could not start');
      scheduleRestart();
    });
  }

  function scheduleRestart(): void {
    if (stopping()) return;
    phase = 'restarting';
    joined = new Promise<void>((resolve) => (onJoined = resolve));
    const old = consumer;
    clearTimeout(restartTimer);
    restartTimer = setTimeout(() => {
      void old?.disconnect().catch(() => {});
      launch();
    }, options.restartDelayMs ?? 5000);
  }

  return {
    start() {
      if (phase === 'idle') launch();
    },
    whenJoined: () => joined,
    get phase() {
      return phase;
    },
    handled,
    async lag() {
      adminReady ??= admin.connect().catch((error: unknown) => {
        adminReady = undefined;
        throw error;
      });
      await adminReady;
      const [ends, groups] = await Promise.all([
        admin.fetchTopicOffsets(USER_CREATED_TOPIC),
        admin.fetchOffsets({ groupId, topics: [USER_CREATED_TOPIC] }),
      ]);
      const committed = new Map((groups[0]?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
      const partitions: Record<string, number> = {};
      let total = 0;
      for (const end of ends) {
        const done = committed.get(end.partition) ?? -1;
        const lag = Math.max(0, Number(end.high) - (done >= 0 ? done : Number(end.low)));
        partitions[String(end.partition)] = lag;
        total += lag;
      }
      return { total, partitions };
    },
    stop() {
      stopped ??= (async () => {
        phase = 'stopping';
        clearTimeout(restartTimer);
        await consumer?.disconnect().catch((error: unknown) => log.warn({ err: (error as Error).message }, 'consumer disconnect failed'));
        if (producerReady) await producer.disconnect().catch(() => {});
        if (adminReady) await admin.disconnect().catch(() => {});
        phase = 'stopped';
      })();
      return stopped;
    },
  };
}
