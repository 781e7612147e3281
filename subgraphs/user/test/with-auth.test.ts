// End to end against the real auth subgraph (startAuth, real Kafka, real HTTP): sign-up reaches
// this subgraph as a UserCreated event; real access tokens verify against auth's JWKS; read-repair
// asks auth's /internal API; a logged-out session cannot write; and with auth stopped, reads work
// while what needs auth is SERVICE_UNAVAILABLE.
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import { createTestDatabase } from '@tracklore/devkit/test-databases';
import { testBrokers } from '@tracklore/devkit/test-kafka';
import { signGatewayHeader } from '@tracklore/shared/gateway-trust';
import { startAuth, type RunningAuth } from '../../auth/src/app.ts';
import { loadAuthConfig } from '../../auth/src/config.ts';
import { eventually, GATEWAY_SECRET, openPg, startTestUser, testConfig, type TestUser } from './support/harness.ts';
import { SERVICE_SECRET } from './support/auth-stand-in.ts';
import { errorCodes } from './support/fixture.ts';

const ISSUER = 'http://127.0.0.1:4001';
const AUDIENCE = 'tracklore';
let auth: RunningAuth;
let user: TestUser;
let db: pg.Client;

interface Account {
  id: number;
  accessToken: string;
  refreshToken: string;
}

async function authGql(query: string, variables: Record<string, unknown>, token?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-tracklore-gateway': signGatewayHeader(GATEWAY_SECRET) };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${auth.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

async function signUp(): Promise<Account> {
  const email = `user-e2e-${randomUUID()}@example.test`;
  const result = await authGql(`mutation($e: String!, $p: String!) { signUp(email: $e, password: $p) { accessToken refreshToken user { id } } }`, { e: email, p: 'correct horse battery staple' });
  const payload = result.data?.signUp as { accessToken: string; refreshToken: string; user: { id: string } } | undefined;
  assert.ok(payload, `signUp failed: ${JSON.stringify(result.errors)}`);
  return { id: Number(payload.user.id), accessToken: payload.accessToken, refreshToken: payload.refreshToken };
}

const UPDATE = `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { displayName } }`;
const OWN = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { profile { displayName } goals { id } } } }`;
const own = (who: Account) => user.graphql(OWN, { reps: [{ __typename: 'User', id: String(who.id) }] }, who.accessToken);
const sourceOf = async (id: number) => (await db.query('SELECT source FROM auth_user_references WHERE id = $1', [id])).rows[0]?.source as string | undefined;

before(async () => {
  const authConfig = loadAuthConfig({
    GATEWAY_SECRET,
    INTERNAL_API_SECRET: SERVICE_SECRET,
    AUTH_DATABASE_URL: await createTestDatabase('auth', 'user_with_auth'),
    AUTH_PORT: '0',
    AUTH_ISSUER: ISSUER,
    AUTH_AUDIENCE: AUDIENCE,
    KAFKA_BROKERS: testBrokers().join(','),
    SMTP_URL: 'smtp://127.0.0.1:9',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  auth = await startAuth(authConfig);
  const databaseUrl = await createTestDatabase('user', 'user_with_auth');
  // No introspection cache: a logged-out session is refused on its next write.
  user = await startTestUser(testConfig(databaseUrl, { AUTH_URL: auth.url, AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE, INTROSPECTION_CACHE_SECONDS: '0' }));
  db = await openPg(databaseUrl);
});
after(async () => {
  await user?.stop();
  await auth?.stop();
  await db?.end();
});

test('sign-up at auth creates the reference here through UserCreated; the real token can write', async () => {
  const account = await signUp();
  await eventually(async () => (await sourceOf(account.id)) === 'EVENT', `reference ${account.id} from the event`);
  const result = await user.graphql(UPDATE, { input: { displayName: 'Eve' } }, account.accessToken);
  assert.deepEqual(errorCodes(result), []);
  assert.deepEqual((await own(account)).data?._entities, [{ profile: { displayName: 'Eve' }, goals: [] }]);
});

let late: Account;
let waiting: Account;

test('a write before the event was consumed read-repairs through auth /internal/users', async () => {
  await user.service.consumer.stop(); // events now wait in Kafka
  late = await signUp();
  waiting = await signUp();
  assert.equal(await sourceOf(late.id), undefined);
  assert.deepEqual(errorCodes(await user.graphql(UPDATE, { input: { displayName: 'Late' } }, late.accessToken)), []);
  assert.equal(await sourceOf(late.id), 'REPAIR');
});

test('after logOut at auth the access token can no longer write, but can still read', async () => {
  const out = await authGql(`mutation($t: String!) { logOut(refreshToken: $t) }`, { t: late.refreshToken }, late.accessToken);
  assert.equal(out.data?.logOut, true, JSON.stringify(out.errors));
  assert.deepEqual(errorCodes(await user.graphql(UPDATE, { input: { displayName: 'Ghost' } }, late.accessToken)), ['UNAUTHENTICATED']);
  assert.deepEqual((await own(late)).data?._entities, [{ profile: { displayName: 'Late' }, goals: [] }]);
});

test('awardBadge with a real non-admin token is FORBIDDEN', async () => {
  const account = await signUp();
  const result = await user.graphql(`mutation($u: ID!) { awardBadge(userId: $u, badgeSlug: "mentor") { awardedAt } }`, { u: String(late.id) }, account.accessToken);
  assert.deepEqual(errorCodes(result), ['FORBIDDEN']);
});

test('with the auth subgraph stopped: own profile reads work; a write needing auth is SERVICE_UNAVAILABLE', async () => {
  const reader = await signUp();
  assert.deepEqual(errorCodes(await user.graphql(UPDATE, { input: { displayName: 'Reader' } }, reader.accessToken)), []);
  await auth.stop();
  assert.deepEqual((await own(reader)).data?._entities, [{ profile: { displayName: 'Reader' }, goals: [] }]);
  assert.deepEqual(errorCodes(await user.graphql(UPDATE, { input: { displayName: 'Waiting' } }, waiting.accessToken)), ['SERVICE_UNAVAILABLE']);
  assert.equal(await sourceOf(waiting.id), undefined, 'nothing was created without auth');
});
