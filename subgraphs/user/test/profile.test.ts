// Profiles over real HTTP, PostgreSQL and Kafka: router-only access, read-repair, the contract's
// limits (boundary accepted, one past rejected with the field named), the profile-completed
// badge, and token checks (local verification for reads, introspection for writes).
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { systemClock } from '@tracklore/shared/clock';
import { startTestProducer } from './support/harness.ts';
import { errorCodes, startFixture, type Fixture } from './support/fixture.ts';

let f: Fixture;
before(async () => {
  // No introspection cache here, so a revoked session is refused on its very next write.
  f = await startFixture('user_profile', { INTROSPECTION_CACHE_SECONDS: '0' });
});
after(() => f?.stop());

const UPDATE = `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { displayName bio avatarUrl location updatedAt } }`;
const ME = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { id profile { displayName bio avatarUrl location updatedAt } badges { badge { slug } awardedAt } } } }`;
const reps = (...ids: number[]) => ({ reps: ids.map((id) => ({ __typename: 'User', id: String(id) })) });

test('GraphQL without the router signature is refused, _entities included', async () => {
  const response = await fetch(`${f.user.service.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: ME, variables: reps(1) }),
  });
  assert.equal(response.status, 401);
  const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
  assert.equal(body.errors[0]?.extensions.code, 'UNAUTHENTICATED');
});

test('the badge catalog is public', async () => {
  const result = await f.gql('{ badges { id slug name description iconUrl } }');
  const slugs = (result.data?.badges as Array<{ slug: string }>).map((b) => b.slug);
  assert.deepEqual(slugs, ['first-goal', 'first-goal-completed', 'profile-completed', 'mentor']);
});

test('a user with nothing saved has an empty profile and no badges', async () => {
  const result = await f.gql(ME, reps(123_456_789));
  assert.deepEqual(result.data?._entities, [{ id: '123456789', profile: { displayName: null, bio: null, avatarUrl: null, location: null, updatedAt: null }, badges: [] }]);
});

test('a first write before UserCreated arrived read-repairs the reference; the late event changes nothing', async () => {
  const alice = await f.signIn();
  const usersAsked = f.auth.hits.users;
  const result = await f.gql(UPDATE, { input: { displayName: 'Alice' } }, alice);
  assert.equal(errorCodes(result).length, 0, JSON.stringify(result.errors));
  assert.equal((result.data?.updateProfile as { displayName: string }).displayName, 'Alice');
  assert.equal(f.auth.hits.users, usersAsked + 1, 'auth was asked whether the user exists');
  const { rows } = await f.db.query('SELECT source FROM auth_user_references WHERE id = $1', [alice.id]);
  assert.deepEqual(rows, [{ source: 'REPAIR' }]);

  const producer = await startTestProducer();
  try {
    const event = await producer.userCreated(alice.id);
    const deadline = systemClock.now() + 30_000;
    while ((await f.db.query('SELECT 1 FROM processed_events WHERE event_id = $1', [event.eventId])).rowCount === 0) {
      assert.ok(systemClock.now() < deadline, 'the event was not consumed in time');
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await producer.stop();
  }
  const after = await f.db.query('SELECT source FROM auth_user_references WHERE id = $1', [alice.id]);
  assert.deepEqual(after.rows, [{ source: 'REPAIR' }]);
  const profile = await f.gql(ME, reps(alice.id));
  assert.equal((profile.data?._entities as Array<{ profile: { displayName: string } }>)[0]?.profile.displayName, 'Alice');
});

test('profile limits: each boundary is accepted, one past it is rejected naming the field', async () => {
  const bob = await f.signIn();
  const https = (length: number) => `https://cdn.example/${'a'.repeat(length - 'https://cdn.example/'.length)}`;
  const cases: Array<[string, unknown, unknown]> = [
    ['displayName', 'd'.repeat(100), 'd'.repeat(101)],
    ['location', 'l'.repeat(100), 'l'.repeat(101)],
    ['bio', 'b'.repeat(2000), 'b'.repeat(2001)],
    ['avatarUrl', https(2048), https(2049)],
  ];
  for (const [field, ok, tooLong] of cases) {
    const accepted = await f.gql(UPDATE, { input: { [field]: ok } }, bob);
    assert.deepEqual(errorCodes(accepted), [], `${field} at the limit`);
    assert.equal((accepted.data?.updateProfile as Record<string, unknown>)[field], ok);
    const rejected = await f.gql(UPDATE, { input: { [field]: tooLong } }, bob);
    assert.deepEqual(errorCodes(rejected), [`BAD_USER_INPUT:input.${field}`], `${field} one past the limit`);
  }
  for (const bad of ['javascript:alert(1)', 'http://cdn.example/a.png', 'cdn.example/a.png']) {
    const rejected = await f.gql(UPDATE, { input: { avatarUrl: bad } }, bob);
    assert.deepEqual(errorCodes(rejected), ['BAD_USER_INPUT:input.avatarUrl'], bad);
  }
  const { rows } = await f.db.query('SELECT length(display_name) AS d, length(bio) AS b, length(avatar_url) AS a, length(location) AS l FROM profiles WHERE user_id = $1', [bob.id]);
  assert.deepEqual(rows, [{ d: 100, b: 2000, a: 2048, l: 100 }], 'rejected updates changed nothing');
});

test('completing the profile awards profile-completed once; null clears a field', async () => {
  const carol = await f.signIn();
  await f.gql(UPDATE, { input: { displayName: 'Carol', bio: 'Learns things', location: 'Lisbon' } }, carol);
  let badges = (await f.gql(ME, reps(carol.id))).data?._entities as Array<{ badges: Array<{ badge: { slug: string }; awardedAt: string }> }>;
  assert.deepEqual(badges[0]?.badges, [], 'three of four fields is not complete');
  await f.gql(UPDATE, { input: { avatarUrl: 'https://cdn.example/carol.png' } }, carol);
  await f.gql(UPDATE, { input: { bio: 'Learns many things' } }, carol);
  badges = (await f.gql(ME, reps(carol.id))).data?._entities as typeof badges;
  assert.deepEqual(badges[0]?.badges.map((b) => b.badge.slug), ['profile-completed']);
  const cleared = await f.gql(UPDATE, { input: { location: null } }, carol);
  assert.deepEqual(cleared.data?.updateProfile, { displayName: 'Carol', bio: 'Learns many things', avatarUrl: 'https://cdn.example/carol.png', location: null, updatedAt: (cleared.data?.updateProfile as { updatedAt: string }).updatedAt });
});

test('writes need a valid token whose session is still live; reads only a valid token', async () => {
  const anonymous = await f.gql(UPDATE, { input: { displayName: 'x' } });
  assert.deepEqual(errorCodes(anonymous), ['UNAUTHENTICATED']);
  const garbage = await f.gql(UPDATE, { input: { displayName: 'x' } }, 'not.a.jwt');
  assert.deepEqual(errorCodes(garbage), ['UNAUTHENTICATED']);
  const dave = await f.signIn();
  const expired = await f.auth.mint(dave.id, { sessionId: dave.sessionId, expiresInSeconds: -60 });
  assert.deepEqual(errorCodes(await f.gql(UPDATE, { input: { displayName: 'x' } }, expired)), ['UNAUTHENTICATED']);

  assert.deepEqual(errorCodes(await f.gql(UPDATE, { input: { displayName: 'Dave' } }, dave)), []);
  f.auth.revokedSessions.add(dave.sessionId);
  const afterRevoke = await f.gql(UPDATE, { input: { displayName: 'Mallory' } }, dave);
  assert.deepEqual(errorCodes(afterRevoke), ['UNAUTHENTICATED'], 'a revoked session cannot write');
  const goals = await f.gql(`query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { goals { id } } } }`, reps(dave.id), dave);
  assert.deepEqual(errorCodes(goals), [], 'reading is a local token check');
  const { rows } = await f.db.query('SELECT display_name FROM profiles WHERE user_id = $1', [dave.id]);
  assert.deepEqual(rows, [{ display_name: 'Dave' }]);
});

test('the key set is fetched once, not per request', () => {
  assert.equal(f.auth.hits.jwks, 1);
});
