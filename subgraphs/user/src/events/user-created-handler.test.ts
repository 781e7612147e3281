import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { buildUserCreated, toUserCreatedMessage, type UserCreated } from '@tracklore/shared/events/user-created';
import { createLogger } from '@tracklore/shared/logger';
import { FakeClock } from '@tracklore/devkit/fake-clock';
import { handleUserCreated, RedeliverLater, type UserCreatedHandlerDeps } from './user-created-handler.ts';

const logger = createLogger('test', 'silent');
const clock = new FakeClock();
const transient = Object.assign(new Error('Connection terminated unexpectedly'), { transient: true });

function deps(record: (event: UserCreated) => Promise<'created' | 'duplicate'>, overrides: Partial<UserCreatedHandlerDeps> = {}) {
  const deadLetters: string[] = [];
  const sleeps: number[] = [];
  const d: UserCreatedHandlerDeps = {
    record,
    deadLetter: async (reason) => void deadLetters.push(reason),
    isTransient: (error) => (error as { transient?: boolean }).transient === true,
    isStopping: () => false,
    sleep: async (ms) => void sleeps.push(ms),
    heartbeat: async () => {},
    logger,
    ...overrides,
  };
  return { d, deadLetters, sleeps };
}

const messageOf = (event: UserCreated) => {
  const m = toUserCreatedMessage(event);
  return { key: Buffer.from(m.key), value: Buffer.from(m.value) };
};

test('a valid event is recorded', async () => {
  const event = buildUserCreated({ id: 5, email: 'a@b.c', createdAt: clock.date() });
  const seen: UserCreated[] = [];
  const { d, deadLetters } = deps(async (e) => (seen.push(e), 'created'));
  assert.equal(await handleUserCreated(messageOf(event), d), 'created');
  assert.deepEqual(seen, [event]);
  assert.deepEqual(deadLetters, []);
});

test('garbage, a wrong key and an id too large for the column are dead-lettered with the reason', async () => {
  const { d, deadLetters } = deps(async () => assert.fail('must not be recorded'));
  assert.equal(await handleUserCreated({ key: null, value: Buffer.from('not json') }, d), 'dead-lettered');
  const event = buildUserCreated({ id: 5, email: 'a@b.c', createdAt: clock.date() });
  assert.equal(await handleUserCreated({ key: Buffer.from('6'), value: Buffer.from(JSON.stringify(event)) }, d), 'dead-lettered');
  const huge = buildUserCreated({ id: 3_000_000_000, email: 'a@b.c', createdAt: clock.date() });
  assert.equal(await handleUserCreated(messageOf(huge), d), 'dead-lettered');
  assert.match(deadLetters[0] ?? '', /not JSON/);
  assert.match(deadLetters[1] ?? '', /key "6" does not match user.id 5/);
  assert.match(deadLetters[2] ?? '', /exceeds the largest supported id/);
});

test('transient database errors are retried with backoff, then succeed', async () => {
  let calls = 0;
  const { d, sleeps } = deps(async () => (++calls < 3 ? Promise.reject(transient) : 'duplicate'));
  assert.equal(await handleUserCreated(messageOf(buildUserCreated({ id: 9, email: 'a@b.c', createdAt: clock.date() })), d), 'duplicate');
  assert.equal(calls, 3);
  assert.deepEqual(sleeps, [200, 400]);
});

test('when retries run out the message is handed back to Kafka, not dead-lettered', async () => {
  const { d, deadLetters } = deps(async () => Promise.reject(transient), { attempts: 3 });
  await assert.rejects(handleUserCreated(messageOf(buildUserCreated({ id: 9, email: 'a@b.c', createdAt: clock.date() })), d), RedeliverLater);
  assert.deepEqual(deadLetters, []);
});

test('a stopping consumer gives up retrying at once', async () => {
  let calls = 0;
  const { d } = deps(async () => (calls++, Promise.reject(transient)), { isStopping: () => true });
  await assert.rejects(handleUserCreated(messageOf(buildUserCreated({ id: 9, email: 'a@b.c', createdAt: clock.date() })), d), RedeliverLater);
  assert.equal(calls, 1);
});

test('an error retrying cannot fix is dead-lettered so consumption goes on', async () => {
  const { d, deadLetters } = deps(async () => Promise.reject(new Error('value out of range')));
  assert.equal(await handleUserCreated(messageOf(buildUserCreated({ id: 9, email: 'a@b.c', createdAt: clock.date() })), d), 'dead-lettered');
  assert.match(deadLetters[0] ?? '', /could not be stored: value out of range/);
});

test('an error of any kind while stopping (e.g. the pool already closed) hands the event back instead of dead-lettering it', async () => {
  const { d, deadLetters } = deps(async () => Promise.reject(new Error('Cannot use a pool after calling end on the pool')), { isStopping: () => true });
  await assert.rejects(handleUserCreated(messageOf(buildUserCreated({ id: 9, email: 'a@b.c', createdAt: clock.date() })), d), RedeliverLater);
  assert.deepEqual(deadLetters, []);
});
