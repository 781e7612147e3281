// The auth subgraph down (refusing connections, then accepting but never answering): reads keep
// working on locally verified tokens; what needs auth (read-repair, introspection for a write)
// answers SERVICE_UNAVAILABLE instead of hanging, and the circuit breaker stops further calls.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { errorCodes, startFixture, type Fixture, type SignedIn } from './support/fixture.ts';

let f: Fixture;
let reader: SignedIn;
let admin: SignedIn;
let newcomer: SignedIn;

const UPDATE = `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { displayName } }`;
const CREATE = `mutation($input: CreateGoalInput!) { createGoal(input: $input) { id } }`;
const AWARD = `mutation($userId: ID!) { awardBadge(userId: $userId, badgeSlug: "mentor") { awardedAt } }`;
const OWN = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { profile { displayName } goals { title } badges { badge { slug } } } } }`;
const own = (who: SignedIn) => f.gql(OWN, { reps: [{ __typename: 'User', id: String(who.id) }] }, who);

before(async () => {
  f = await startFixture('user_auth_down', { AUTH_TIMEOUT_MS: '300', INTROSPECTION_CACHE_SECONDS: '60' }, { authClient: { breakerOpenMs: 3000 } });
  reader = await f.signIn();
  admin = await f.signIn(['USER', 'ADMIN']);
  newcomer = await f.signIn(); // exists at auth, never seen here
  // While auth is up: the reader writes (reference read-repaired, session confirmed) and the
  // admin's session is confirmed by an award to the reader.
  assert.deepEqual(errorCodes(await f.gql(UPDATE, { input: { displayName: 'Reader' } }, reader)), []);
  assert.deepEqual(errorCodes(await f.gql(CREATE, { input: { title: 'Keep learning' } }, reader)), []);
  assert.deepEqual(errorCodes(await f.gql(AWARD, { userId: String(reader.id) }, admin)), []);
  await f.auth.down();
});
after(() => f?.stop());

test('with auth refusing connections, reading one\'s own profile, goals and badges works', async () => {
  const result = await own(reader);
  assert.deepEqual(errorCodes(result), []);
  assert.deepEqual(result.data?._entities, [{ profile: { displayName: 'Reader' }, goals: [{ title: 'Keep learning' }], badges: [{ badge: { slug: 'first-goal' } }, { badge: { slug: 'mentor' } }] }]);
  assert.deepEqual(errorCodes(await f.gql('{ badges { slug } }')), []);
});

test('a write from a session confirmed moments ago still works from the introspection cache', async () => {
  assert.deepEqual(errorCodes(await f.gql(UPDATE, { input: { displayName: 'Reader 2' } }, reader)), []);
});

test('read-repair answers SERVICE_UNAVAILABLE (no hang) and creates nothing', async () => {
  const target = await f.signIn();
  assert.deepEqual(errorCodes(await f.gql(AWARD, { userId: String(target.id) }, admin)), ['SERVICE_UNAVAILABLE'], 'repairing the target needs auth');
  assert.deepEqual(errorCodes(await f.gql(UPDATE, { input: { displayName: 'New' } }, newcomer)), ['SERVICE_UNAVAILABLE'], "a new session's first write needs auth");
  const { rowCount } = await f.db.query('SELECT 1 FROM auth_user_references WHERE id = ANY($1)', [[target.id, newcomer.id]]);
  assert.equal(rowCount, 0);
});

test('with auth accepting but never answering, calls time out, then the open circuit stops calling it', async () => {
  f.auth.mode = 'hang';
  await f.auth.up();
  const other = await f.signIn();
  // The previous test opened the circuit. Keep trying until it lets a trial call through to the
  // hanging server: that call must time out into SERVICE_UNAVAILABLE rather than hang.
  const before = f.auth.received;
  for (let tries = 0; f.auth.received === before; tries++) {
    assert.ok(tries < 40, 'the circuit never let a trial call through');
    assert.deepEqual(errorCodes(await f.gql(UPDATE, { input: { displayName: 'x' } }, other)), ['SERVICE_UNAVAILABLE']);
    if (f.auth.received === before) await new Promise((r) => setTimeout(r, 250));
  }
  // The failed trial re-opened the circuit: the next call does not reach auth at all.
  const reached = f.auth.received;
  assert.deepEqual(errorCodes(await f.gql(UPDATE, { input: { displayName: 'x' } }, other)), ['SERVICE_UNAVAILABLE']);
  assert.equal(f.auth.received, reached, 'an open circuit fails without calling auth');
  const result = await own(reader);
  assert.deepEqual(errorCodes(result), [], 'reads are unaffected');
});

test('when auth answers again, the circuit closes after its open period and writes work', async () => {
  f.auth.mode = 'answer';
  const newcomerWrite = () => f.gql(UPDATE, { input: { displayName: 'Back' } }, newcomer);
  let result = await newcomerWrite();
  for (let tries = 0; errorCodes(result)[0] === 'SERVICE_UNAVAILABLE'; tries++) {
    assert.ok(tries < 40, 'writes did not recover');
    await new Promise((r) => setTimeout(r, 250));
    result = await newcomerWrite();
  }
  assert.deepEqual(errorCodes(result), []);
  const { rows } = await f.db.query('SELECT source FROM auth_user_references WHERE id = $1', [newcomer.id]);
  assert.deepEqual(rows, [{ source: 'REPAIR' }], 'the deferred read-repair happened');
});
