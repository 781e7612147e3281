import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { buildUserCreated, parseUserCreated, toUserCreatedMessage } from './user-created.ts';

test('a built UserCreated round-trips through its message form', () => {
  const event = buildUserCreated({ id: 42, email: 'a@b.c', createdAt: new Date('2026-01-02T03:04:05Z') }, new Date('2026-01-02T03:04:06Z'));
  const message = toUserCreatedMessage(event, '00-abc-def-01');
  assert.equal(message.key, '42');
  assert.deepEqual(message.headers, { 'event-id': event.eventId, 'event-type': 'UserCreated', traceparent: '00-abc-def-01' });
  const parsed = parseUserCreated(Buffer.from(message.value), message.key);
  assert.deepEqual(parsed, { ok: true, event });
});

test('parse failures carry a reason naming what is wrong', () => {
  const notJson = parseUserCreated('{nope');
  assert.equal(notJson.ok, false);
  assert.match(!notJson.ok ? notJson.reason : '', /not JSON/);
  const wrongShape = parseUserCreated(JSON.stringify({ type: 'UserCreated', version: 1 }));
  assert.match(!wrongShape.ok ? wrongShape.reason : '', /eventId/);
  const event = buildUserCreated({ id: 7, email: 'x@y.z', createdAt: new Date('2026-01-02T03:04:05Z') });
  const wrongKey = parseUserCreated(JSON.stringify(event), '8');
  assert.match(!wrongKey.ok ? wrongKey.reason : '', /key "8" does not match user.id 7/);
  assert.equal(parseUserCreated(null).ok, false);
});
