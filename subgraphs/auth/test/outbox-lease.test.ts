// The outbox lease: claims of a relay that died are sent again within seconds (not the old 120 s),
// and two auth instances relaying the same outbox never send a row twice. (A real SIGKILL of the
// auth process: outbox-crash.test.ts.)
import { strict as assert } from 'node:assert';
import { after, test } from 'node:test';
import { USER_CREATED_TOPIC } from '@tracklore/shared/events/user-created';
import { signGatewayHeader, GATEWAY_HEADER } from '@tracklore/shared/gateway-trust';
import { createLogger } from '@tracklore/shared/logger';
import { readTopic } from '@tracklore/devkit/test-kafka';
import { systemClock } from '@tracklore/shared/clock';
import { startAuth } from '../src/app.ts';
import { createDb } from '../src/db.ts';
import { claimDueEvents } from '../src/repositories/outbox.ts';
import { GATEWAY_SECRET, signUp, startTestAuth, uniqueEmail, emailOf, inChunks, unsentEvents, unsentAfterRelay } from './helpers.ts';

const LEASE_MS = 3000;
const t = await startTestAuth('auth_outbox_lease', { RATE_LIMIT_SIGNUP_ADDRESS_MAX: '1000', OUTBOX_LEASE_MS: String(LEASE_MS) });
const reader = await readTopic(USER_CREATED_TOPIC);
after(() => reader.stop());

const mine = (emails: string[]) => reader.messages.filter((m) => emails.includes(emailOf(m)));
const unsent = (emails: string[]) => unsentEvents(t, emails);

test('rows claimed by a relay that died are published once its short lease ends', async () => {
  // Stop the running relay's own work by claiming first, as a relay that then crashes would: the
  // rows are written straight into the outbox (as signUp does) and claimed before anyone sends them.
  const db = createDb({ url: t.databaseUrl, logger: createLogger('test', 'silent') });
  after(() => db.$disconnect());
  const emails = Array.from({ length: 5 }, () => uniqueEmail('lease'));
  const { rows: users } = await t.sql.query(
    `INSERT INTO users (email, password_hash, updated_at) SELECT e, 'x', now() FROM unnest($1::text[]) AS e RETURNING id, email, created_at`,
    [emails],
  );
  await t.sql.query('BEGIN');
  for (const u of users) {
    const eventId = crypto.randomUUID();
    const payload = { eventId, type: 'UserCreated', version: 1, occurredAt: systemClock.date().toISOString(), user: { id: u.id, email: u.email, createdAt: u.created_at.toISOString() } };
    await t.sql.query(
      `INSERT INTO outbox_events (id, topic, key, event_type, payload, headers, next_attempt_at) VALUES ($1, $2, $3, 'UserCreated', $4, $5, now() + interval '1 hour')`,
      [eventId, USER_CREATED_TOPIC, String(u.id), payload, { 'event-id': eventId, 'event-type': 'UserCreated' }],
    );
  }
  await t.sql.query('COMMIT');
  await t.sql.query(`UPDATE outbox_events SET next_attempt_at = now() WHERE payload->'user'->>'email' = ANY($1)`, [emails]);
  const claimed = await claimDueEvents(db, 100, LEASE_MS);
  assert.ok(claimed.length >= 5, 'the dead relay holds the claims');
  assert.equal(await unsent(emails), 5);

  // Nobody renews these claims: the live relay picks them up when the lease ends (it wakes for the
  // earliest next_attempt_at), far inside the wait below, which the old 120 s lease could not meet.
  const arrived = await reader.waitFor((m) => emails.includes(emailOf(m)), 5, 20_000);
  assert.equal(new Set(arrived.map((m) => m.headers['event-id'])).size, 5);
  assert.equal(await unsentAfterRelay(t, emails), 0);
});

test('two auth instances relaying one outbox send every event exactly once', async () => {
  const config = { ...t.config, port: 0 };
  const second = await startAuth(config, { logger: createLogger('auth-2', 'warn') });
  after(() => second.stop());
  const emails = Array.from({ length: 30 }, () => uniqueEmail('pair'));
  const other = { ...t, auth: second, gql: async <D>(query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(`${second.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', [GATEWAY_HEADER]: signGatewayHeader(GATEWAY_SECRET) }, body: JSON.stringify({ query, variables }) });
    return { ...((await response.json()) as object), status: response.status } as never as { status: number; data?: D };
  } };
  await inChunks(emails, 6, (email, i) => signUp(i % 2 === 0 ? t : other, email));
  await reader.waitFor((m) => emails.includes(emailOf(m)), 30, 30_000);
  assert.equal(await unsentAfterRelay(t, emails), 0);
  await new Promise((r) => setTimeout(r, 1500)); // room for a duplicate to show up, if there were one
  const messages = mine(emails);
  assert.equal(messages.length, 30, 'no event sent by both relays');
  assert.equal(new Set(messages.map((m) => m.headers['event-id'])).size, 30);
});
