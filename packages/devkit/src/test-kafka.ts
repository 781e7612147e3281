// Kafka for integration tests: the broker the test runner started (KAFKA_BROKERS), and a reader
// that collects messages from a topic with its own consumer group.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type IHeaders } from 'kafkajs';

export function testBrokers(env: NodeJS.ProcessEnv = process.env): string[] {
  const value = env.KAFKA_BROKERS;
  if (!value) throw new Error('KAFKA_BROKERS is not set: run integration tests through `npm test`, which starts a broker');
  return value.split(',').map((b) => b.trim());
}

export interface ReadMessage {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

export interface TopicReader {
  messages: ReadMessage[];
  /** Resolves with the matching messages once `count` match, or rejects after `timeoutMs`. */
  waitFor(predicate: (m: ReadMessage) => boolean, count?: number, timeoutMs?: number): Promise<ReadMessage[]>;
  stop(): Promise<void>;
}

function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (v !== undefined) out[k] = Array.isArray(v) ? v.map(String).join(',') : String(v);
  return out;
}

/** Reads `topic` from the beginning with a fresh consumer group; keeps every message it sees. */
export async function readTopic(topic: string, brokers = testBrokers()): Promise<TopicReader> {
  const kafka = new Kafka({ clientId: `test-reader-${randomUUID().slice(0, 8)}`, brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `test-reader-${randomUUID()}`, sessionTimeout: 10_000, heartbeatInterval: 1000 });
  const messages: ReadMessage[] = [];
  const listeners = new Set<() => void>();
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message, partition }) => {
      messages.push({ key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, headers: headersToStrings(message.headers), partition, offset: message.offset });
      for (const l of listeners) l();
    },
  });
  return {
    messages,
    waitFor(predicate, count = 1, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.filter(predicate);
          if (found.length >= count) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${count} message(s) on ${topic}; saw ${messages.filter(predicate).length} matching of ${messages.length}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    async stop() {
      await consumer.disconnect();
    },
  };
}
