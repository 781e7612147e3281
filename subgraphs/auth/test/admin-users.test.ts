// ADMIN user management: the users connection (id order, opaque stable cursors, email-prefix search
// with wildcards taken literally, totalCount), disableUser / enableUser, and what disabling does to
// the account's sessions, log-in and refresh. Non-admins are FORBIDDEN; validation names its field.
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { errorCode, errorField, introspect, logIn, PASSWORD, signUp, signUpAdmin, startTestAuth, uniqueEmail, type GraphQLResult } from './helpers.ts';

const t = await startTestAuth('auth_admin_users');
const admin = await signUpAdmin(t);
const plain = await signUp(t, uniqueEmail('plain'));

interface Page {
  users: {
    edges: Array<{ cursor: string; node: { id: string; email: string; disabled: boolean } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    totalCount: number;
  };
}
const USERS = `query($first: Int, $after: String, $query: String) {
  users(first: $first, after: $after, query: $query) { edges { cursor node { id email disabled } } pageInfo { hasNextPage endCursor } totalCount } }`;
const users = (variables: Record<string, unknown>, token = admin.accessToken) => t.gql<Page>(USERS, variables, { token });
const DISABLE = 'mutation($id: ID!, $r: String!) { disableUser(id: $id, reason: $r) { id disabled disabledReason } }';
const disable = (id: string, reason: string, token = admin.accessToken) =>
  t.gql<{ disableUser: { id: string; disabled: boolean; disabledReason: string | null } }>(DISABLE, { id, r: reason }, { token });
const enable = (id: string, token = admin.accessToken) =>
  t.gql<{ enableUser: { id: string; disabled: boolean; disabledReason: string | null } }>('mutation($id: ID!) { enableUser(id: $id) { id disabled disabledReason } }', { id }, { token });

function assertBadInput(result: GraphQLResult<unknown>, field: string): void {
  assert.equal(errorCode(result), 'BAD_USER_INPUT', JSON.stringify(result.errors));
  assert.equal(errorField(result), field);
}

/** Inserts accounts directly (listing needs rows, not 250 argon2 hashes on a shared machine); their ids in order. */
async function seedUsers(emails: string[]): Promise<string[]> {
  const { rows } = await t.sql.query(
    `INSERT INTO users (email, password_hash, updated_at) SELECT e, 'not-a-hash', now() FROM unnest($1::text[]) WITH ORDINALITY AS x(e, n) ORDER BY n RETURNING id`,
    [emails],
  );
  return rows.map((r) => String(r.id)).sort((a, b) => Number(a) - Number(b));
}

test('an admin lists 250 users 20 at a time with stable cursors', async () => {
  const prefix = `page${randomUUID().slice(0, 8)}`;
  const ids = await seedUsers(Array.from({ length: 250 }, (_, i) => `${prefix}.${String(i).padStart(3, '0')}@example.test`));
  const seen: string[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    // Upper-case: the search is case-insensitive.
    const result: GraphQLResult<Page> = await users({ first: 20, after, query: prefix.toUpperCase() });
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    const page = result.data!.users;
    pages += 1;
    assert.equal(page.totalCount, 250);
    assert.ok(page.edges.length <= 20);
    for (const edge of page.edges) assert.ok(edge.node.email.startsWith(`${prefix}.`));
    seen.push(...page.edges.map((e) => e.node.id));
    assert.equal(page.pageInfo.endCursor, page.edges.at(-1)?.cursor ?? null);
    if (after !== null) {
      // The same cursor gives the same page again, also after another user signed up meanwhile.
      if (pages === 2) await signUp(t, uniqueEmail('meanwhile'));
      const again: GraphQLResult<Page> = await users({ first: 20, after, query: prefix });
      assert.deepEqual(again.data!.users.edges.map((e) => e.node.id), page.edges.map((e) => e.node.id));
    }
    if (!page.pageInfo.hasNextPage) break;
    assert.equal(page.edges.length, 20);
    after = page.pageInfo.endCursor;
    assert.ok(pages < 20, 'paging ends');
  }
  assert.equal(pages, 13);
  assert.deepEqual(seen, ids, 'every id once, in id order');
  // Without a query the whole table is listed (the default page size is 20).
  const all = await users({});
  assert.equal(all.data!.users.edges.length, 20);
  assert.ok(all.data!.users.totalCount >= 253);
});

test('the email prefix takes LIKE wildcards literally', async () => {
  const prefix = `wild${randomUUID().slice(0, 8)}`;
  const emails = [`${prefix}.a_b@example.test`, `${prefix}.axb@example.test`, `${prefix}.p%q@example.test`, `${prefix}.pzzq@example.test`];
  await seedUsers(emails);
  const found = async (query: string) => (await users({ query })).data!.users.edges.map((e) => e.node.email);
  assert.deepEqual(await found(`${prefix}.a_`), [emails[0]]);
  assert.deepEqual(await found(`${prefix}.p%`), [emails[2]]);
  assert.deepEqual(await found(`  ${prefix}.  `), emails, 'trimmed');
  assert.equal((await users({ query: `${prefix}.nobody` })).data!.users.totalCount, 0);
  assert.deepEqual((await users({ query: `${prefix}.nobody` })).data!.users.pageInfo, { hasNextPage: false, endCursor: null });
});

test('non-admins are FORBIDDEN; without a token UNAUTHENTICATED', async () => {
  assert.equal(errorCode(await users({}, plain.accessToken)), 'FORBIDDEN');
  assert.equal(errorCode(await disable(admin.user.id, 'no', plain.accessToken)), 'FORBIDDEN');
  assert.equal(errorCode(await enable(plain.user.id, plain.accessToken)), 'FORBIDDEN');
  assert.equal(errorCode(await t.gql(USERS, {})), 'UNAUTHENTICATED');
  const own = await t.gql('{ me { disabled } }', {}, { token: plain.accessToken });
  assert.equal(errorCode(own), 'FORBIDDEN', 'disabled is for admins only, even on oneself');
  assert.equal(errorCode(await t.gql('{ me { disabledReason } }', {}, { token: plain.accessToken })), 'FORBIDDEN');
});

test('validation errors name their field; an unknown id is NOT_FOUND', async () => {
  assertBadInput(await users({ first: 0 }), 'first');
  assertBadInput(await users({ first: 101 }), 'first');
  assertBadInput(await users({ after: 'not-a-cursor' }), 'after');
  assertBadInput(await users({ after: Buffer.from('user:x').toString('base64url') }), 'after');
  assertBadInput(await users({ query: 'a'.repeat(255) }), 'query');
  assert.equal((await users({ first: 100 })).errors, undefined);
  assertBadInput(await disable(plain.user.id, '   '), 'reason');
  assertBadInput(await disable(plain.user.id, 'x'.repeat(501)), 'reason');
  assertBadInput(await disable('abc', 'spam'), 'id');
  assertBadInput(await disable(admin.user.id, 'I want a break'), 'id');
  assertBadInput(await enable('0'), 'id');
  assert.equal(errorCode(await disable('2147483000', 'spam')), 'NOT_FOUND');
  assert.equal(errorCode(await enable('2147483000')), 'NOT_FOUND');
  // 500 code points is the limit, also for characters outside the BMP.
  const target = await signUp(t, uniqueEmail('longreason'));
  const long = '😀'.repeat(500);
  assert.equal((await disable(target.user.id, long)).data?.disableUser.disabledReason, long);
});

test('disabling ends the sessions and blocks log-in and refresh with ACCOUNT_DISABLED; enabling restores log-in', async () => {
  const email = uniqueEmail('disabled');
  const first = await signUp(t, email);
  const second = (await logIn(t, email)).data!.logIn;
  assert.notEqual((await t.gql<{ me: unknown }>('{ me { id } }', {}, { token: first.accessToken })).data?.me, null, 'a cached read before');

  const disabled = await disable(first.user.id, '  spam from this account  ');
  assert.deepEqual(disabled.data?.disableUser, { id: first.user.id, disabled: true, disabledReason: 'spam from this account' });
  const { rows } = await t.sql.query('SELECT count(*)::int AS n FROM sessions WHERE user_id = $1 AND revoked_at IS NULL', [Number(first.user.id)]);
  assert.equal(rows[0].n, 0, 'every session revoked');

  for (const session of [first, second]) {
    assert.equal((await t.gql<{ me: unknown }>('{ me { id } }', {}, { token: session.accessToken })).data?.me, null, 'reads stop');
    assert.deepEqual(await introspect(t, session.accessToken), { active: false });
    assert.equal(errorCode(await t.gql('mutation { logOutEverywhere }', {}, { token: session.accessToken })), 'UNAUTHENTICATED', 'writes stop');
    assert.equal(errorCode(await t.gql('mutation($r: String!) { refreshSession(refreshToken: $r) { accessToken } }', { r: session.refreshToken })), 'ACCOUNT_DISABLED');
  }
  assert.equal(errorCode(await logIn(t, email)), 'ACCOUNT_DISABLED');
  assert.equal(errorCode(await logIn(t, email, 'a wrong password guess')), 'INVALID_CREDENTIALS', 'no oracle without the password');

  const listed = await users({ query: email });
  assert.deepEqual(listed.data!.users.edges.map((e) => e.node.disabled), [true]);
  const seen = await t.gql<{ user: { disabled: boolean; disabledReason: string } }>(
    'query($id: ID!) { user(id: $id) { disabled disabledReason } }', { id: first.user.id }, { token: admin.accessToken });
  assert.deepEqual(seen.data?.user, { disabled: true, disabledReason: 'spam from this account' });

  const enabled = await enable(first.user.id);
  assert.deepEqual(enabled.data?.enableUser, { id: first.user.id, disabled: false, disabledReason: null });
  const back = await logIn(t, email, PASSWORD);
  assert.equal(back.errors, undefined, JSON.stringify(back.errors));
  assert.notEqual((await t.gql<{ me: unknown }>('{ me { id } }', {}, { token: back.data!.logIn.accessToken })).data?.me, null);
  assert.equal(errorCode(await t.gql('mutation($r: String!) { refreshSession(refreshToken: $r) { accessToken } }', { r: first.refreshToken })), 'UNAUTHENTICATED', 'old sessions stay ended');
});
