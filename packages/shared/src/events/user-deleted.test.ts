import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { buildUserDeleted, parseUserDeleted, toUserDeletedMessage } from './user-deleted.ts';

test('a built UserDeleted round-trips through its message form, keyed by user id', () => {
  const event = buildUserDeleted(42, new Date('2026-01-02T03:04:06Z'));
  assert.deepEqual({ ...event, eventId: 'x' }, { eventId: 'x', type: 'UserDeleted', version: 1, occurredAt: '2026-01-02T03:04:06.000Z', userId: 42 });
  const message = toUserDeletedMessage(event, '00-abc-def-01');
  assert.equal(message.key, '42');
  assert.deepEqual(message.headers, { 'event-id': event.eventId, 'event-type': 'UserDeleted', traceparent: '00-abc-def-01' });
  assert.deepEqual(parseUserDeleted(Buffer.from(message.value), message.key), { ok: true, event });
});

test('UserDeleted parse failures name what is wrong', () => {
  const wrongType = parseUserDeleted(JSON.stringify({ ...buildUserDeleted(7, new Date('2026-01-02T03:04:06Z')), type: 'UserCreated' }));
  assert.match(!wrongType.ok ? wrongType.reason : '', /UserDeleted v1: type/);
  const wrongKey = parseUserDeleted(JSON.stringify(buildUserDeleted(7, new Date('2026-01-02T03:04:06Z'))), '8');
  assert.match(!wrongKey.ok ? wrongKey.reason : '', /key "8" does not match userId 7/);
  assert.equal(parseUserDeleted(undefined).ok, false);
});
