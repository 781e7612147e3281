// deleteAccount: the password is checked again; then the identity row and everything it owns are
// gone (asserted with SQL), one UserDeleted is published (key = user id, the request's traceparent),
// the old tokens stop working everywhere, read-repair's lookup answers 404, and the address can sign
// up again as a new user.
import { strict as assert } from 'node:assert';
import { after, test } from 'node:test';
import { parseUserDeleted, USER_DELETED_TOPIC } from '@tracklore/shared/events/user-deleted';
import { readTopic, type TopicReader } from '@tracklore/devkit/test-kafka';
import { errorCode, errorField, internalUserStatus, introspect, logIn, PASSWORD, RESET_SUBJECT, signUp, startTestAuth, uniqueEmail, VERIFY_SUBJECT } from './helpers.ts';

const t = await startTestAuth('auth_account_deletion');
const reader: TopicReader = await readTopic(USER_DELETED_TOPIC);
after(() => reader.stop());

const remove = (password: string, token?: string, headers?: Record<string, string>) =>
  t.gql<{ deleteAccount: boolean }>('mutation($p: String!) { deleteAccount(password: $p) }', { p: password }, { token, headers });
const count = async (sql: string, params: unknown[]): Promise<number> => (await t.sql.query(sql, params)).rows[0].n as number;

test('a wrong password is INVALID_CREDENTIALS on password and deletes nothing', async () => {
  const me = await signUp(t, uniqueEmail('keep'));
  assert.equal(errorCode(await remove(PASSWORD)), 'UNAUTHENTICATED');
  const wrong = await remove('not my password at all', me.accessToken);
  assert.equal(errorCode(wrong), 'INVALID_CREDENTIALS');
  assert.equal(errorField(wrong), 'password');
  assert.equal(await count('SELECT count(*)::int AS n FROM users WHERE id = $1', [Number(me.user.id)]), 1);
  assert.equal(await count(`SELECT count(*)::int AS n FROM outbox_events WHERE topic = $1 AND key = $2`, [USER_DELETED_TOPIC, me.user.id]), 0);
});

test('the right password removes everything the account owns and announces UserDeleted once', async () => {
  const email = uniqueEmail('delete');
  const first = await signUp(t, email);
  const id = Number(first.user.id);
  const second = (await logIn(t, email)).data!.logIn;
  await t.smtp.waitFor((m) => m.to.includes(email) && m.subject === VERIFY_SUBJECT);
  await t.gql('mutation($e: String!) { requestPasswordReset(email: $e) }', { e: email });
  await t.smtp.waitFor((m) => m.to.includes(email) && m.subject === RESET_SUBJECT);
  await remove('one wrong guess here', first.accessToken); // leaves a login:account counter
  const sessionIds = (await t.sql.query('SELECT id FROM sessions WHERE user_id = $1', [id])).rows.map((r) => r.id as string);
  assert.equal(sessionIds.length, 2);
  // Owned rows exist before, so "none after" means they were deleted.
  assert.ok((await count('SELECT count(*)::int AS n FROM refresh_tokens WHERE session_id = ANY($1::uuid[])', [sessionIds])) >= 2);
  assert.equal(await count('SELECT count(*)::int AS n FROM password_reset_tokens WHERE user_id = $1', [id]), 1);
  assert.equal(await count('SELECT count(*)::int AS n FROM email_verification_tokens WHERE user_id = $1', [id]), 1);
  assert.equal(await count('SELECT count(*)::int AS n FROM mail_outbox WHERE user_id = $1', [id]), 2);
  assert.ok((await count(`SELECT count(*)::int AS n FROM rate_limit_buckets WHERE key LIKE '%' || $1`, [email])) >= 1);
  assert.notEqual((await t.gql<{ me: unknown }>('{ me { id } }', {}, { token: second.accessToken })).data?.me, null, 'a cached read before');

  const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
  const deleted = await remove(PASSWORD, first.accessToken, { traceparent });
  assert.equal(deleted.data?.deleteAccount, true, JSON.stringify(deleted.errors));

  assert.equal(await count('SELECT count(*)::int AS n FROM users WHERE id = $1 OR email = $2', [id, email]), 0);
  assert.equal(await count('SELECT count(*)::int AS n FROM sessions WHERE user_id = $1', [id]), 0);
  assert.equal(await count('SELECT count(*)::int AS n FROM refresh_tokens WHERE session_id = ANY($1::uuid[])', [sessionIds]), 0);
  assert.equal(await count('SELECT count(*)::int AS n FROM password_reset_tokens WHERE user_id = $1', [id]), 0);
  assert.equal(await count('SELECT count(*)::int AS n FROM email_verification_tokens WHERE user_id = $1', [id]), 0);
  assert.equal(await count('SELECT count(*)::int AS n FROM mail_outbox WHERE user_id = $1 OR recipient = $2', [id, email]), 0);
  assert.equal(await count(`SELECT count(*)::int AS n FROM rate_limit_buckets WHERE key LIKE '%' || $1 OR key = $2`, [email, `verify:account:${id}`]), 0);
  assert.equal(await count(`SELECT count(*)::int AS n FROM outbox_events WHERE payload::text LIKE '%' || $1 || '%'`, [email]), 0, 'no event keeps the address');

  const { rows } = await t.sql.query('SELECT id, topic, key, event_type, payload, headers FROM outbox_events WHERE key = $1', [String(id)]);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].topic, USER_DELETED_TOPIC);
  assert.equal(rows[0].event_type, 'UserDeleted');
  assert.deepEqual(rows[0].headers, { 'event-id': rows[0].id, 'event-type': 'UserDeleted', traceparent });

  const [message] = await reader.waitFor((m) => m.key === String(id));
  assert.ok(message);
  const parsed = parseUserDeleted(message.value, message.key);
  assert.ok(parsed.ok, !parsed.ok ? parsed.reason : '');
  assert.equal(parsed.event.userId, id);
  assert.equal(parsed.event.eventId, rows[0].id);
  assert.deepEqual(message.headers, { 'event-id': parsed.event.eventId, 'event-type': 'UserDeleted', traceparent });

  // Every token of the account is dead, on reads (this instance's cache was cleared) and writes.
  for (const session of [first, second]) {
    assert.equal((await t.gql<{ me: unknown }>('{ me { id } }', {}, { token: session.accessToken })).data?.me, null);
    assert.deepEqual(await introspect(t, session.accessToken), { active: false });
    assert.equal(errorCode(await t.gql('mutation($r: String!) { refreshSession(refreshToken: $r) { accessToken } }', { r: session.refreshToken })), 'UNAUTHENTICATED');
  }
  assert.equal(errorCode(await remove(PASSWORD, second.accessToken)), 'UNAUTHENTICATED');
  assert.equal(await internalUserStatus(t, String(id)), 404, 'read-repair cannot recreate the reference');
  assert.equal((await t.gql<{ user: unknown }>('query($id: ID!) { user(id: $id) { id } }', { id: String(id) })).data?.user, null);
  assert.equal(errorCode(await logIn(t, email)), 'INVALID_CREDENTIALS');

  // The address is free again: a new account with a new id.
  const again = await signUp(t, email);
  assert.notEqual(again.user.id, String(id));
  assert.ok(Number(again.user.id) > id);
  assert.equal(await internalUserStatus(t, again.user.id), 200);
  assert.equal(await count('SELECT count(*)::int AS n FROM outbox_events WHERE topic = $1 AND key = $2', [USER_DELETED_TOPIC, String(id)]), 1, 'announced once');
  assert.equal(reader.messages.filter((m) => m.key === String(id)).length, 1);
});

test('two concurrent deletions of one account announce it once', async () => {
  const email = uniqueEmail('race');
  const me = await signUp(t, email);
  const results = await Promise.all([remove(PASSWORD, me.accessToken), remove(PASSWORD, me.accessToken)]);
  assert.equal(results.filter((r) => r.data?.deleteAccount === true).length, 1, JSON.stringify(results));
  assert.deepEqual(results.filter((r) => r.errors).map(errorCode), ['UNAUTHENTICATED']);
  assert.equal(await count('SELECT count(*)::int AS n FROM outbox_events WHERE topic = $1 AND key = $2', [USER_DELETED_TOPIC, me.user.id]), 1);
});
