// Sign-up writes UserCreated to the outbox in the user's transaction; the relay publishes exactly
// one message, which a separate consumer reads back in the contract's shape.
import { strict as assert } from 'node:assert';
import { after, test } from 'node:test';
import { parseUserCreated, USER_CREATED_TOPIC } from '@tracklore/shared/events/user-created';
import { readTopic, type ReadMessage, type TopicReader } from '@tracklore/devkit/test-kafka';
import { systemClock } from '@tracklore/shared/clock';
import { errorCode, signUp, startTestAuth, uniqueEmail, type TestAuth } from './helpers.ts';

// A 10-minute safety poll: the event can only arrive in time if NOTIFY wakes the relay.
const t: TestAuth = await startTestAuth('auth_signup_event', { OUTBOX_POLL_INTERVAL_MS: '600000' });
const reader: TopicReader = await readTopic(USER_CREATED_TOPIC);
after(() => reader.stop());

test('signUp publishes exactly one UserCreated matching the contract', async () => {
  const email = uniqueEmail('Event');
  const payload = await signUp(t, `  ${email.toUpperCase()} `);
  assert.equal(payload.user.email, email.toLowerCase());
  // Topics are shared by all test files and ids restart per database: find the event by email.
  const mine = (m: ReadMessage) => m.value?.includes(`"${email.toLowerCase()}"`) === true;
  const [message] = await reader.waitFor(mine);
  assert.ok(message);
  const parsed = parseUserCreated(message.value, message.key);
  assert.ok(parsed.ok, !parsed.ok ? parsed.reason : '');
  const event = parsed.event;
  assert.equal(event.type, 'UserCreated');
  assert.equal(event.version, 1);
  assert.deepEqual(event.user, { id: Number(payload.user.id), email: email.toLowerCase(), createdAt: payload.user.createdAt });
  assert.equal(message.headers['event-id'], event.eventId);
  assert.equal(message.headers['event-type'], 'UserCreated');
  assert.equal(message.headers.traceparent, undefined, 'no traceparent header for an untraced request');
  // The outbox row is marked sent, and nothing else is published for this user.
  const { rows } = await t.sql.query('SELECT id, sent_at, attempts FROM outbox_events WHERE key = $1', [payload.user.id]);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].id, event.eventId);
  await waitUntil(async () => (await t.sql.query('SELECT sent_at FROM outbox_events WHERE id = $1', [event.eventId])).rows[0]?.sent_at !== null);
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(reader.messages.filter(mine).length, 1);
});

test("a traced signUp carries the request's traceparent into the event headers", async () => {
  const email = uniqueEmail('traced');
  const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
  const result = await t.gql(`mutation($e: String!) { signUp(email: $e, password: "a traced fine password") { accessToken } }`, { e: email }, { headers: { traceparent } });
  assert.equal(errorCode(result), undefined);
  const [message] = await reader.waitFor((m) => m.value?.includes(`"${email}"`) === true);
  assert.equal(message?.headers.traceparent, traceparent);
});

test('a taken email is EMAIL_TAKEN and announces nothing', async () => {
  const email = uniqueEmail('taken');
  await signUp(t, email);
  const again = await t.gql(`mutation($e: String!) { signUp(email: $e, password: "another fine password") { accessToken } }`, { e: email });
  assert.equal(errorCode(again), 'EMAIL_TAKEN');
  const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM outbox_events WHERE payload->'user'->>'email' = $1`, [email]);
  assert.equal(rows[0].n, 1);
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = systemClock.now() + timeoutMs;
  while (!(await check())) {
    if (systemClock.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
