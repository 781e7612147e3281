import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { buildUserDeleted, toUserDeletedMessage, type UserDeleted } from '@tracklore/shared/events/user-deleted';
import { createLogger } from '@tracklore/shared/logger';
import { FakeClock } from '@tracklore/devkit/fake-clock';
import type { RecordOutcome } from '../repositories/references.ts';
import { handleUserDeleted, type UserDeletedHandlerDeps } from './user-deleted-handler.ts';

const clock = new FakeClock();

function deps(record: (event: UserDeleted) => Promise<RecordOutcome>) {
  const deadLetters: string[] = [];
  const d: UserDeletedHandlerDeps = {
    record,
    deadLetter: async (reason) => void deadLetters.push(reason),
    isTransient: () => false,
    isStopping: () => false,
    sleep: async () => {},
    heartbeat: async () => {},
    logger: createLogger('test', 'silent'),
  };
  return { d, deadLetters };
}

const messageOf = (event: UserDeleted) => {
  const m = toUserDeletedMessage(event);
  return { key: Buffer.from(m.key), value: Buffer.from(m.value) };
};

test('a valid UserDeleted is recorded and its outcome returned', async () => {
  const event = buildUserDeleted(7, clock.date());
  const seen: UserDeleted[] = [];
  const { d, deadLetters } = deps(async (e) => (seen.push(e), 'unknown-user'));
  assert.equal(await handleUserDeleted(messageOf(event), d), 'unknown-user');
  assert.deepEqual(seen, [event]);
  assert.deepEqual(deadLetters, []);
});

test('garbage, a UserCreated on the wrong topic, a wrong key and an id beyond INTEGER are dead-lettered with the reason', async () => {
  const { d, deadLetters } = deps(async () => assert.fail('must not be recorded'));
  const event = buildUserDeleted(7, clock.date());
  assert.equal(await handleUserDeleted({ key: null, value: Buffer.from('not json') }, d), 'dead-lettered');
  assert.equal(await handleUserDeleted({ key: Buffer.from('7'), value: Buffer.from(JSON.stringify({ ...event, type: 'UserCreated' })) }, d), 'dead-lettered');
  assert.equal(await handleUserDeleted({ key: Buffer.from('8'), value: Buffer.from(JSON.stringify(event)) }, d), 'dead-lettered');
  assert.equal(await handleUserDeleted(messageOf(buildUserDeleted(3_000_000_000, clock.date())), d), 'dead-lettered');
  assert.match(deadLetters[0] ?? '', /not JSON/);
  assert.match(deadLetters[1] ?? '', /does not match UserDeleted v1: type/);
  assert.match(deadLetters[2] ?? '', /key "8" does not match userId 7/);
  assert.match(deadLetters[3] ?? '', /exceeds the largest supported id/);
});
