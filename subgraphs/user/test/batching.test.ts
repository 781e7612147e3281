// Federation entity resolution is batched: _entities for N users asking profile, badges and goals
// costs the same number of SQL statements for 10 users as for 100 (counted at the pg client): one.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { errorCodes, startFixture, type Fixture, type SignedIn } from './support/fixture.ts';
import { eventually } from './support/harness.ts';

let f: Fixture;
let admin: SignedIn;
const ids: number[] = [];

before(async () => {
  f = await startFixture('user_batching');
  admin = await f.signIn(['USER', 'ADMIN']);
  const base = 1_500_000_000 + Math.floor(Math.random() * 100_000_000);
  for (let i = 0; i < 100; i++) ids.push(base + i);
  // Seed directly: every user has a reference, a profile, a badge and two goals.
  await f.db.query(`INSERT INTO auth_user_references (id, source) SELECT unnest($1::int[]), 'EVENT'`, [ids]);
  await f.db.query(`INSERT INTO profiles (user_id, display_name) SELECT id, 'User ' || id FROM unnest($1::int[]) AS id`, [ids]);
  await f.db.query(`INSERT INTO user_badges (user_id, badge_id) SELECT id, (SELECT id FROM badges WHERE slug = 'first-goal') FROM unnest($1::int[]) AS id`, [ids]);
  await f.db.query(`INSERT INTO learning_goals (user_id, title, updated_at) SELECT id, 'Goal ' || n, now() FROM unnest($1::int[]) AS id, generate_series(1, 2) AS n`, [ids]);
  // The shared topic holds earlier test files' UserCreated events; let the consumer work through
  // them first so its statements are not counted as the request's.
  const consumer = f.user.service.consumer;
  await consumer.whenJoined();
  await eventually(async () => (await consumer.lag()).total === 0, 'the consumer to catch up with the topic', 60_000);
});
after(() => f?.stop());

const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { id profile { displayName } badges { badge { slug } awardedAt } goals { id title } } } }`;

async function statementsFor(userIds: number[]): Promise<string[]> {
  f.statements.length = 0;
  const result = await f.gql(ENTITIES, { reps: userIds.map((id) => ({ __typename: 'User', id: String(id) })) }, admin);
  assert.deepEqual(errorCodes(result), []);
  const users = result.data?._entities as Array<{ id: string; profile: { displayName: string }; badges: unknown[]; goals: unknown[] }>;
  assert.equal(users.length, userIds.length);
  for (const [i, user] of users.entries()) {
    assert.equal(user.id, String(userIds[i]));
    assert.equal(user.profile.displayName, `User ${userIds[i]}`);
    assert.equal(user.badges.length, 1);
    assert.equal(user.goals.length, 2);
  }
  return [...f.statements];
}

test('resolving 100 users costs as many SQL statements as resolving 10', async () => {
  await statementsFor(ids.slice(0, 1)); // warm-up: the key set, Prisma's first connection
  const ten = await statementsFor(ids.slice(0, 10));
  const hundred = await statementsFor(ids);
  assert.ok(ten.length > 0, 'statements are being counted');
  assert.equal(hundred.length, ten.length, `10 users: ${ten.length} statements, 100 users: ${hundred.length}\n${hundred.join('\n')}`);
  assert.equal(hundred.length, 1, `profile, badges and goals in one statement (the viewer's token already verified):\n${hundred.join('\n')}`);
});
