// The auth subgraph's own metrics (GraphQL, process and event-loop metrics come from
// @tracklore/shared/metrics). Backlogs are counted when /metrics is scraped (one query per table,
// bounded by SCRAPE_TIMEOUT_MS); the relay reports each publish as it happens.
//   auth_outbox_unsent_events, auth_outbox_oldest_unsent_age_seconds      events not yet in Kafka
//   auth_outbox_published_events_total{topic}                            events the relay published
//   auth_outbox_publish_duration_seconds{outcome}                        one batch publish (published | failed)
//   auth_outbox_relay_connected, auth_outbox_relay_consecutive_failures  the relay's producer (Kafka reachable?)
//   auth_mail_unsent_jobs, auth_mail_oldest_unsent_age_seconds, auth_mail_abandoned_last_day_jobs
import type { Clock } from '@tracklore/shared/clock';
import { Counter, Gauge, Histogram, type Registry } from '@tracklore/shared/metrics/registry';
import { scrapeSample } from '@tracklore/shared/metrics/scrape-sample';
import type { DbOrTx } from './db.ts';
import type { KafkaState } from './outbox/relay.ts';
import { mailBacklog } from './repositories/mail-outbox.ts';
import { outboxBacklog } from './repositories/outbox.ts';

/** How long a scrape waits for a backlog query, in ms; past it the gauge has no value that scrape. */
const SCRAPE_TIMEOUT_MS = 1000;

export type PublishOutcome = 'published' | 'failed';

/** What the outbox relay reports: call publishStarted() before a batch publish, its result after. */
export interface RelayMetrics {
  publishStarted(): (outcome: PublishOutcome, rows: ReadonlyArray<{ topic: string }>) => void;
}

export interface AuthMetricsDeps {
  db: DbOrTx;
  clock: Clock;
  /** The relay's state, read at scrape time. */
  relayState: () => KafkaState;
}

export function createAuthMetrics(registry: Registry, deps: AuthMetricsDeps): { relay: RelayMetrics } {
  const outbox = scrapeSample(registry, 'outbox', () => outboxBacklog(deps.db, deps.clock.date()), SCRAPE_TIMEOUT_MS);
  const mail = scrapeSample(registry, 'mail', () => mailBacklog(deps.db, deps.clock.date()), SCRAPE_TIMEOUT_MS);

  /** A gauge whose value is read from a scrape-time sample; no value when the sample failed. */
  const sampled = <T>(name: string, help: string, sample: () => Promise<T | undefined>, value: (s: T) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        const s = await sample();
        if (s === undefined) this.reset();
        else this.set(value(s));
      },
    });
  sampled('auth_outbox_unsent_events', 'Outbox events not yet published to Kafka', outbox, (b) => b.pending);
  sampled('auth_outbox_oldest_unsent_age_seconds', 'Age of the oldest unpublished outbox event; 0 when none', outbox, (b) => b.oldestPendingSeconds ?? 0);
  sampled('auth_mail_unsent_jobs', 'Mail jobs neither sent nor abandoned', mail, (b) => b.pending);
  sampled('auth_mail_oldest_unsent_age_seconds', 'Age of the oldest unsent mail job; 0 when none', mail, (b) => b.oldestPendingSeconds ?? 0);
  sampled('auth_mail_abandoned_last_day_jobs', 'Mail jobs abandoned in the last 24 hours', mail, (b) => b.abandonedLastDay);

  new Gauge({
    name: 'auth_outbox_relay_connected',
    help: "1 while the outbox relay's Kafka producer is connected",
    registers: [registry],
    collect() {
      this.set(deps.relayState().state === 'connected' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'auth_outbox_relay_consecutive_failures',
    help: 'Failed connects or publishes of the outbox relay since its last success',
    registers: [registry],
    collect() {
      this.set(deps.relayState().consecutiveFailures);
    },
  });

  const published = new Counter({ name: 'auth_outbox_published_events_total', help: 'Outbox events published to Kafka, by topic', labelNames: ['topic'], registers: [registry] });
  const publishDuration = new Histogram({
    name: 'auth_outbox_publish_duration_seconds',
    help: 'One batch publish of the outbox relay to Kafka (acks from all in-sync replicas), by outcome',
    labelNames: ['outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  return {
    relay: {
      publishStarted() {
        const end = publishDuration.startTimer();
        return (outcome, rows) => {
          end({ outcome });
          if (outcome === 'published') for (const row of rows) published.inc({ topic: row.topic });
        };
      },
    },
  };
}
