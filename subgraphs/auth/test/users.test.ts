// The User entity: resolved by reference for the router, email and sessions guarded per viewer,
// input validated with the field named, and only router-signed requests served.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { createDb } from '../src/db.ts';
import { grantRole } from '../src/domain/roles.ts';
import { createLogger } from '@tracklore/shared/logger';
import { GATEWAY_HEADER, signGatewayHeader } from '@tracklore/shared/gateway-trust';
import { errorCode, logIn, signUp, startTestAuth, uniqueEmail } from './helpers.ts';

const t = await startTestAuth('auth_users');
const alice = await signUp(t, uniqueEmail('alice'));
const bob = await signUp(t, uniqueEmail('bob'));

test('_entities resolves many users at once, null for unknown ids', async () => {
  const result = await t.gql<{ _entities: Array<{ id: string; roles: string[]; createdAt: string } | null> }>(
    'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id roles createdAt } } }',
    { r: [{ __typename: 'User', id: bob.user.id }, { __typename: 'User', id: alice.user.id }, { __typename: 'User', id: '999999' }, { __typename: 'User', id: 'nope' }] },
  );
  assert.equal(result.errors, undefined);
  assert.deepEqual(result.data?._entities, [
    { id: bob.user.id, roles: ['USER'], createdAt: bob.user.createdAt },
    { id: alice.user.id, roles: ['USER'], createdAt: alice.user.createdAt },
    null,
    null,
  ]);
});

test('email: visible to its owner and to admins only (FORBIDDEN otherwise)', async () => {
  const query = 'query($id: ID!) { user(id: $id) { id email } }';
  const own = await t.gql<{ user: { email: string } }>(query, { id: alice.user.id }, { token: alice.accessToken });
  assert.equal(own.data?.user.email, alice.user.email);
  const other = await t.gql(query, { id: alice.user.id }, { token: bob.accessToken });
  assert.equal(errorCode(other), 'FORBIDDEN');
  assert.deepEqual(other.errors?.[0]?.path, ['user', 'email']);
  assert.equal(errorCode(await t.gql(query, { id: alice.user.id })), 'FORBIDDEN');
  const entity = await t.gql('query($r: [_Any!]!) { _entities(representations: $r) { ... on User { email } } }', { r: [{ __typename: 'User', id: alice.user.id }] }, { token: bob.accessToken });
  assert.equal(errorCode(entity), 'FORBIDDEN');

  // grantRole is what the grant-role command runs; the role counts at once, even for an old token.
  const db = createDb({ url: t.databaseUrl, logger: createLogger('test', 'silent') });
  try {
    assert.deepEqual(await grantRole(db, ` ${bob.user.email.toUpperCase()} `, 'ADMIN'), ['USER', 'ADMIN']);
    assert.deepEqual(await grantRole(db, bob.user.email, 'ADMIN'), ['USER', 'ADMIN'], 'idempotent');
    await assert.rejects(grantRole(db, uniqueEmail('missing'), 'ADMIN'), /no account/);
  } finally {
    await db.$disconnect();
  }
  const asAdmin = await t.gql<{ user: { email: string } }>(query, { id: alice.user.id }, { token: bob.accessToken });
  assert.equal(asAdmin.data?.user.email, alice.user.email);
  const sessions = await t.gql('query($id: ID!) { user(id: $id) { sessions { id } } }', { id: alice.user.id }, { token: bob.accessToken });
  assert.equal(errorCode(sessions), 'FORBIDDEN', 'sessions stay private even for admins');
  const fresh = (await logIn(t, bob.user.email)).data!.logIn;
  assert.deepEqual(fresh.user.roles, ['USER', 'ADMIN']);
});

test('me is null without a token; user(id) validates the id and returns null when unknown', async () => {
  assert.deepEqual((await t.gql('{ me { id } }')).data, { me: null });
  const me = await t.gql<{ me: { id: string; email: string; roles: string[] } }>('{ me { id email roles } }', {}, { token: alice.accessToken });
  assert.deepEqual(me.data?.me, { id: alice.user.id, email: alice.user.email, roles: ['USER'] });
  const bad = await t.gql('{ user(id: "abc") { id } }');
  assert.equal(errorCode(bad), 'BAD_USER_INPUT');
  assert.equal(bad.errors?.[0]?.extensions?.field, 'id');
  assert.deepEqual((await t.gql('{ user(id: "424242") { id } }')).data, { user: null });
});

test('signUp validates email and password with the field named; logIn fails alike for unknown and wrong', async () => {
  const signUpWith = (email: string, password: string) => t.gql('mutation($e: String!, $p: String!) { signUp(email: $e, password: $p) { accessToken } }', { e: email, p: password });
  const cases: Array<[string, string, string, RegExp]> = [
    ['not-an-email', 'a fine long password', 'email', /email/],
    [uniqueEmail(), 'short', 'password', /at least 10/],
    [uniqueEmail(), 'x'.repeat(129), 'password', /at most 128/],
    [uniqueEmail(), 'Password123', 'password', /too common/],
  ];
  for (const [email, password, field, message] of cases) {
    const result = await signUpWith(email, password);
    assert.equal(errorCode(result), 'BAD_USER_INPUT', `${field}: ${password}`);
    assert.equal(result.errors?.[0]?.extensions?.field, field);
    assert.match(result.errors?.[0]?.message ?? '', message);
  }
  const sameAsEmail = uniqueEmail('same');
  assert.equal((await signUpWith(sameAsEmail, sameAsEmail)).errors?.[0]?.extensions?.field, 'password');

  const unknown = await logIn(t, uniqueEmail('unknown'), 'whatever password');
  const wrong = await logIn(t, alice.user.email, 'whatever password');
  assert.equal(errorCode(unknown), 'INVALID_CREDENTIALS');
  assert.deepEqual(unknown.errors?.[0], { ...wrong.errors?.[0] }, 'same error for unknown email and wrong password');
  const mixedCase = await logIn(t, `  ${alice.user.email.toUpperCase()}  `);
  assert.equal(mixedCase.errors, undefined, 'login normalises the email');
});

test('GraphQL requires the router signature; errors carry no internals', async () => {
  const unsigned = await t.gql('{ me { id } }', {}, { signed: false });
  assert.equal(unsigned.status, 401);
  assert.equal(errorCode(unsigned), 'UNAUTHENTICATED');
  const forged = await t.gql('{ _service { sdl } }', {}, { signed: false, headers: { [GATEWAY_HEADER]: signGatewayHeader('some-other-secret-that-is-long-enough') } });
  assert.equal(forged.status, 401);
  const sdl = await t.gql<{ _service: { sdl: string } }>('{ _service { sdl } }');
  assert.match(sdl.data?._service.sdl ?? '', /type User\s+@key\(fields: "id"\)/);
  const failed = await logIn(t, alice.user.email, 'wrong password!');
  const text = JSON.stringify(failed);
  assert.doesNotMatch(text, /stack|SELECT|prisma|argon/i);
});
