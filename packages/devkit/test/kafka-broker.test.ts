// The broker the test runner started is a real Kafka: produce with an idempotent kafkajs producer,
// read back through a consumer group, and check the project's topics exist.
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { after, test } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import { TOPICS, USER_CREATED_DLQ_TOPIC } from '@tracklore/shared/events/user-created';
import { readTopic, testBrokers, type TopicReader } from '../src/test-kafka.ts';

const kafka = new Kafka({ clientId: 'devkit-test', brokers: testBrokers(), logLevel: logLevel.NOTHING });
const readers: TopicReader[] = [];
after(async () => Promise.all(readers.map((r) => r.stop())));

test('the project topics exist on the broker', async () => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = await admin.listTopics();
    for (const topic of TOPICS) assert.ok(topics.includes(topic), `topic ${topic} missing; have ${topics.join(',')}`);
  } finally {
    await admin.disconnect();
  }
});

test('a message produced idempotently is consumed by a consumer group', async () => {
  const reader = await readTopic(USER_CREATED_DLQ_TOPIC);
  readers.push(reader);
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const marker = randomUUID();
  try {
    await producer.send({ topic: USER_CREATED_DLQ_TOPIC, acks: -1, messages: [{ key: marker, value: `probe ${marker}`, headers: { probe: 'yes' } }] });
  } finally {
    await producer.disconnect();
  }
  const [message] = await reader.waitFor((m) => m.key === marker);
  assert.equal(message?.value, `probe ${marker}`);
  assert.equal(message?.headers.probe, 'yes');
});
