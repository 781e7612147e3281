// The user subgraph's own metrics (GraphQL, process and event-loop metrics come from
// @tracklore/shared/metrics). Everything about events is labelled by topic, one series per
// consumed topic, so a second consumed topic (UserDeleted) only adds entries to `topics`.
//   user_events_handled_total{topic,outcome}     messages the consumer finished (created | duplicate | dead-lettered …)
//   user_consumer_lag_messages{topic}            messages not yet committed by the group (scrape time)
//   user_dlq_messages{topic}                     messages held by the topic's dead-letter topic (scrape time)
//   user_auth_client_circuit_state{state}        1 for the auth client's breaker state (closed | open | half-open)
// Scrape-time figures ask Kafka's admin API, bounded by SCRAPE_TIMEOUT_MS.
import type { Kafka } from 'kafkajs';
import { Counter, Gauge, type Registry } from '@tracklore/shared/metrics/registry';
import { scrapeSample } from '@tracklore/shared/metrics/scrape-sample';
import type { BreakerState } from './auth-client/circuit-breaker.ts';

/** How long a scrape waits for Kafka, in ms; past it the gauge has no value that scrape. */
const SCRAPE_TIMEOUT_MS = 2000;
const BREAKER_STATES: readonly BreakerState[] = ['closed', 'open', 'half-open'];

/** One consumed topic: its dead-letter topic, how far the group is behind, the outcomes its handler reports. */
export interface ConsumedTopic {
  topic: string;
  dlqTopic: string;
  lag(): Promise<{ total: number }>;
  outcomes: readonly string[];
}

/** What a consumer reports per message it finished. */
export interface ConsumerMetrics {
  handled(topic: string, outcome: string): void;
}

export interface UserMetrics {
  consumer: ConsumerMetrics;
  /** Disconnects the admin client the DLQ figure uses (if a scrape connected it). */
  close(): Promise<void>;
}

export function createUserMetrics(registry: Registry, deps: { kafka: Kafka; topics: readonly ConsumedTopic[]; breakerState: () => BreakerState }): UserMetrics {
  const handled = new Counter({ name: 'user_events_handled_total', help: 'Event messages the consumer finished, by topic and outcome', labelNames: ['topic', 'outcome'], registers: [registry] });
  for (const t of deps.topics) for (const outcome of t.outcomes) handled.inc({ topic: t.topic, outcome }, 0);

  const lags = deps.topics.map((t) => ({ topic: t.topic, read: scrapeSample(registry, `lag:${t.topic}`, t.lag, SCRAPE_TIMEOUT_MS) }));
  new Gauge({
    name: 'user_consumer_lag_messages',
    help: 'Messages of the topic not yet committed by the consumer group, summed over partitions',
    labelNames: ['topic'],
    registers: [registry],
    async collect() {
      const results = await Promise.all(lags.map(async ({ topic, read }) => ({ topic, lag: await read() })));
      this.reset();
      for (const { topic, lag } of results) if (lag !== undefined) this.set({ topic }, lag.total);
    },
  });

  const admin = deps.kafka.admin();
  let adminReady: Promise<void> | undefined;
  const dlqSize = async (dlqTopic: string): Promise<number> => {
    adminReady ??= admin.connect().catch((error: unknown) => {
      adminReady = undefined;
      throw error;
    });
    await adminReady;
    const offsets = await admin.fetchTopicOffsets(dlqTopic);
    return offsets.reduce((sum, p) => sum + Math.max(0, Number(p.high) - Number(p.low)), 0);
  };
  const dlqs = deps.topics.map((t) => ({ topic: t.topic, read: scrapeSample(registry, `dlq:${t.dlqTopic}`, () => dlqSize(t.dlqTopic), SCRAPE_TIMEOUT_MS) }));
  new Gauge({
    name: 'user_dlq_messages',
    help: "Messages in the topic's dead-letter topic (what Kafka still retains), by consumed topic",
    labelNames: ['topic'],
    registers: [registry],
    async collect() {
      const results = await Promise.all(dlqs.map(async ({ topic, read }) => ({ topic, size: await read() })));
      this.reset();
      for (const { topic, size } of results) if (size !== undefined) this.set({ topic }, size);
    },
  });

  new Gauge({
    name: 'user_auth_client_circuit_state',
    help: "The auth client's circuit breaker: 1 for its current state, 0 for the others",
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const current = deps.breakerState();
      for (const state of BREAKER_STATES) this.set({ state }, state === current ? 1 : 0);
    },
  });

  return {
    consumer: { handled: (topic, outcome) => handled.inc({ topic, outcome }) },
    async close() {
      if (adminReady) await admin.disconnect().catch(() => {});
    },
  };
}
