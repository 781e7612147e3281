// The Kafka edge for the auth events (auth.user-created.v1, auth.user-deleted.v1): one kafkajs
// consumer in one group subscribed to every topic it has a handler for (eachMessage with
// autoCommit, so an offset is resolved only after its message was handled and committed after the
// batch), a DLQ producer (each topic has its own DLQ), lag reporting over all the topics, and a
// lifecycle that outlives broker restarts: kafkajs restarts itself after retriable crashes, and a
// crash it would not restart from makes us build a new consumer. One consumer for all topics, so
// restart, DLQ, lag and stop cannot drift apart between them.
import { Partitioners, type Consumer, type EachMessagePayload, type IHeaders, type Kafka, type KafkaMessage, type Producer } from 'kafkajs';
import type { Logger } from '@tracklore/shared/logger';
import { systemClock, type Clock } from '@tracklore/shared/clock';
import { isTransientDbError } from '../db.ts';
import type { ConsumerMetrics } from '../metrics.ts';
import type { HandleOutcome, TopicHandler } from './handle-event.ts';

export type ConsumerPhase = 'idle' | 'starting' | 'running' | 'restarting' | 'stopping' | 'stopped';

export interface ConsumerLag {
  /** Messages not yet committed by the group, summed over every topic and partition. */
  total: number;
  /** By topic, then partition. */
  topics: Record<string, Record<string, number>>;
}

export interface EventConsumerOptions {
  kafka: Kafka;
  groupId: string;
  /** One per subscribed topic. */
  handlers: readonly TopicHandler[];
  logger: Logger;
  clock?: Clock;
  /** Delay before building a new consumer after a crash kafkajs does not restart from, in ms. Default 5000. */
  restartDelayMs?: number;
  /** Where each finished message is reported, by topic and outcome (metrics.ts). */
  metrics?: ConsumerMetrics;
}

export interface EventConsumer {
  /** Starts consuming in the background; connection failures are retried, never thrown. */
  start(): void;
  /** Resolves when the consumer has (re)joined its group. */
  whenJoined(): Promise<void>;
  lag(): Promise<ConsumerLag>;
  readonly phase: ConsumerPhase;
  /** Messages handled since start, by topic, then outcome. */
  readonly handled: Readonly<Record<string, Readonly<Partial<Record<HandleOutcome, number>>>>>;
  /** Idempotent: finishes the message in hand, commits offsets, leaves the group. */
  stop(): Promise<void>;
}

function copyHeaders(headers: IHeaders | undefined): IHeaders {
  const out: IHeaders = {};
  for (const [key, value] of Object.entries(headers ?? {})) if (value !== undefined) out[key] = value;
  return out;
}

export function createEventConsumer(options: EventConsumerOptions): EventConsumer {
  const { kafka, groupId, logger } = options;
  const clock = options.clock ?? systemClock;
  const log = logger.child({ component: 'event-consumer', groupId });
  const handlers = new Map(options.handlers.map((h) => [h.topic, h]));
  const topics = [...handlers.keys()];
  const handled: Record<string, Partial<Record<HandleOutcome, number>>> = Object.fromEntries(topics.map((t) => [t, {}]));
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

  async function deadLetter(dlqTopic: string, topic: string, partition: number, message: KafkaMessage, reason: string): Promise<void> {
    producerReady ??= producer.connect().catch((error: unknown) => {
      producerReady = undefined;
      throw error;
    });
    await producerReady;
    await producer.send({
      topic: dlqTopic,
      acks: -1,
      messages: [{
        key: message.key,
        value: message.value,
        headers: { ...copyHeaders(message.headers), reason, 'original-topic': topic, 'original-partition': String(partition), 'original-offset': message.offset },
      }],
    });
    log.warn({ topic, dlqTopic, partition, offset: message.offset, reason }, 'message sent to the dead-letter topic');
  }

  // Everything done for one message, in one function (the seam for tracing and metrics hooks).
  async function handleMessage({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<HandleOutcome> {
    const handler = handlers.get(topic);
    if (!handler) throw new Error(`no handler for topic ${topic}`); // subscribed only to handled topics
    const outcome = await handler.handle(message, {
      deadLetter: (reason) => deadLetter(handler.dlqTopic, topic, partition, message, reason),
      isTransient: isTransientDbError,
      isStopping: stopping,
      sleep: (ms) => clock.sleep(ms),
      heartbeat,
      logger: log,
    });
    const counts = (handled[topic] ??= {});
    counts[outcome] = (counts[outcome] ?? 0) + 1;
    options.metrics?.handled(topic, outcome);
    log.debug({ topic, partition, offset: message.offset, outcome }, 'event handled');
    return outcome;
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
    await current.subscribe({ topics, fromBeginning: true });
    // stop() may have run while we were connecting: its disconnect came too early to end this
    // consumer, which would otherwise go on consuming with a closed pool.
    if (stopping()) {
      await current.disconnect().catch(() => {});
      return;
    }
    await current.run({
      eachMessage: async (payload) => {
        await handleMessage(payload);
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
        Promise.all(topics.map((topic) => admin.fetchTopicOffsets(topic))),
        admin.fetchOffsets({ groupId, topics }),
      ]);
      const byTopic: ConsumerLag['topics'] = {};
      let total = 0;
      topics.forEach((topic, i) => {
        const group = groups.find((g) => g.topic === topic);
        const committed = new Map((group?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
        const partitions: Record<string, number> = {};
        for (const end of ends[i] ?? []) {
          const done = committed.get(end.partition) ?? -1;
          const lag = Math.max(0, Number(end.high) - (done >= 0 ? done : Number(end.low)));
          partitions[String(end.partition)] = lag;
          total += lag;
        }
        byTopic[topic] = partitions;
      });
      return { total, topics: byTopic };
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
