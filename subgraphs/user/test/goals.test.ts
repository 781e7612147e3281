// Goals and badges over real HTTP and PostgreSQL: limits, ownership (another user's goal is
// NOT_FOUND for writes, FORBIDDEN to list), the automatic badge rules, and awardBadge (ADMIN only).
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { errorCodes, startFixture, type Fixture, type SignedIn } from './support/fixture.ts';

let f: Fixture;
before(async () => {
  f = await startFixture('user_goals');
});
after(() => f?.stop());

const CREATE = `mutation($input: CreateGoalInput!) { createGoal(input: $input) { id title description status progress targetDate createdAt updatedAt } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateGoalInput!) { updateGoal(id: $id, input: $input) { id title status progress updatedAt } }`;
const DELETE = `mutation($id: ID!) { deleteGoal(id: $id) }`;
const AWARD = `mutation($userId: ID!, $slug: String!) { awardBadge(userId: $userId, badgeSlug: $slug) { badge { slug name } awardedAt } }`;
const USER = `query($reps: [_Any!]!, $status: GoalStatus) { _entities(representations: $reps) { ... on User { id goals(status: $status) { id title status progress } badges { badge { slug } awardedAt } } } }`;

type Goal = { id: string; title: string; status: string; progress: number; updatedAt: string };
type UserView = { id: string; goals: Goal[]; badges: Array<{ badge: { slug: string }; awardedAt: string }> };

async function createGoal(who: SignedIn, input: Record<string, unknown>): Promise<Goal> {
  const result = await f.gql(CREATE, { input }, who);
  assert.deepEqual(errorCodes(result), [], JSON.stringify(result.errors));
  return result.data?.createGoal as Goal;
}

async function view(userId: number, who?: SignedIn, status?: string) {
  return f.gql(USER, { reps: [{ __typename: 'User', id: String(userId) }], status }, who);
}

test('goal limits: title 1–200, description ≤ 5000, progress 0–100 — boundaries accepted, one past rejected', async () => {
  const ann = await f.signIn();
  const goal = await createGoal(ann, { title: 't', description: 'd'.repeat(5000), targetDate: '2027-01-31T00:00:00Z' });
  assert.equal(goal.title, 't');
  assert.equal((await createGoal(ann, { title: 't'.repeat(200) })).title.length, 200);
  assert.deepEqual(errorCodes(await f.gql(CREATE, { input: { title: '' } }, ann)), ['BAD_USER_INPUT:input.title']);
  assert.deepEqual(errorCodes(await f.gql(CREATE, { input: { title: 't'.repeat(201) } }, ann)), ['BAD_USER_INPUT:input.title']);
  assert.deepEqual(errorCodes(await f.gql(CREATE, { input: { title: 'x', description: 'd'.repeat(5001) } }, ann)), ['BAD_USER_INPUT:input.description']);
  for (const progress of [0, 100]) {
    const updated = await f.gql(UPDATE, { id: goal.id, input: { progress } }, ann);
    assert.equal((updated.data?.updateGoal as Goal).progress, progress);
  }
  for (const progress of [-1, 101]) assert.deepEqual(errorCodes(await f.gql(UPDATE, { id: goal.id, input: { progress } }, ann)), ['BAD_USER_INPUT:input.progress']);
  assert.deepEqual(errorCodes(await f.gql(UPDATE, { id: goal.id, input: { title: 't'.repeat(201) } }, ann)), ['BAD_USER_INPUT:input.title']);
});

test('at most 200 goals a user: the 200th is accepted, the 201st refused', async () => {
  const ben = await f.signIn();
  await createGoal(ben, { title: 'first' });
  await f.db.query(`INSERT INTO learning_goals (user_id, title, updated_at) SELECT $1, 'bulk ' || n, now() FROM generate_series(1, 198) AS n`, [ben.id]);
  await createGoal(ben, { title: 'two hundredth' });
  assert.deepEqual(errorCodes(await f.gql(CREATE, { input: { title: 'one too many' } }, ben)), ['BAD_USER_INPUT:input']);
  const { rows } = await f.db.query('SELECT count(*)::int AS n FROM learning_goals WHERE user_id = $1', [ben.id]);
  assert.equal(rows[0].n, 200);
});

test('first goal and first completed goal award their badges once; goals filter by status', async () => {
  const cat = await f.signIn();
  const one = await createGoal(cat, { title: 'Read SICP' });
  await createGoal(cat, { title: 'Write a compiler' });
  let user = (await view(cat.id, cat)).data?._entities as UserView[];
  assert.deepEqual(user[0]?.badges.map((b) => b.badge.slug), ['first-goal']);
  const done = await f.gql(UPDATE, { id: one.id, input: { status: 'COMPLETED', progress: 100 } }, cat);
  assert.equal((done.data?.updateGoal as Goal).status, 'COMPLETED');
  assert.ok((done.data?.updateGoal as Goal).updatedAt > one.updatedAt, 'updatedAt moves on update');
  await f.gql(UPDATE, { id: one.id, input: { status: 'COMPLETED' } }, cat);
  user = (await view(cat.id, cat)).data?._entities as UserView[];
  assert.deepEqual(user[0]?.badges.map((b) => b.badge.slug).sort(), ['first-goal', 'first-goal-completed']);
  const completed = (await view(cat.id, cat, 'COMPLETED')).data?._entities as UserView[];
  assert.deepEqual(completed[0]?.goals.map((g) => g.title), ['Read SICP']);
  const active = (await view(cat.id, cat, 'ACTIVE')).data?._entities as UserView[];
  assert.deepEqual(active[0]?.goals.map((g) => g.title), ['Write a compiler']);
});

test("another user's goal cannot be read, updated or deleted", async () => {
  const owner = await f.signIn();
  const other = await f.signIn();
  const goal = await createGoal(owner, { title: 'Private plan' });

  const listed = await view(owner.id, other);
  assert.deepEqual(errorCodes(listed), ['FORBIDDEN']);
  assert.deepEqual(errorCodes(await view(owner.id)), ['UNAUTHENTICATED'], 'anonymous');
  assert.deepEqual(errorCodes(await f.gql(UPDATE, { id: goal.id, input: { title: 'Hijacked' } }, other)), ['NOT_FOUND']);
  assert.deepEqual(errorCodes(await f.gql(DELETE, { id: goal.id }, other)), ['NOT_FOUND']);
  assert.deepEqual(errorCodes(await f.gql(DELETE, { id: '2147483000' }, other)), ['NOT_FOUND'], 'same answer as a goal that does not exist');
  assert.deepEqual(errorCodes(await f.gql(DELETE, { id: 'abc' }, other)), ['BAD_USER_INPUT:id']);

  const mine = (await view(owner.id, owner)).data?._entities as UserView[];
  assert.deepEqual(mine[0]?.goals.map((g) => g.title), ['Private plan'], 'the goal is untouched');
  assert.equal((await f.gql(DELETE, { id: goal.id }, owner)).data?.deleteGoal, true);
  assert.deepEqual(errorCodes(await f.gql(DELETE, { id: goal.id }, owner)), ['NOT_FOUND']);
});

test("an ADMIN can read anyone's goals", async () => {
  const owner = await f.signIn();
  const admin = await f.signIn(['USER', 'ADMIN']);
  await createGoal(owner, { title: 'Visible to admins' });
  const seen = (await view(owner.id, admin)).data?._entities as UserView[];
  assert.deepEqual(seen[0]?.goals.map((g) => g.title), ['Visible to admins']);
});

test('awardBadge: FORBIDDEN for a non-admin; idempotent for an admin; unknown badge or user is NOT_FOUND', async () => {
  const learner = await f.signIn();
  const admin = await f.signIn(['USER', 'ADMIN']);
  assert.deepEqual(errorCodes(await f.gql(AWARD, { userId: String(learner.id), slug: 'mentor' }, learner)), ['FORBIDDEN']);
  assert.deepEqual(errorCodes(await f.gql(AWARD, { userId: String(learner.id), slug: 'mentor' })), ['UNAUTHENTICATED']);

  // The learner never wrote anything, so there is no reference yet: the award read-repairs it.
  const first = await f.gql(AWARD, { userId: String(learner.id), slug: 'mentor' }, admin);
  assert.deepEqual(errorCodes(first), []);
  const again = await f.gql(AWARD, { userId: String(learner.id), slug: 'mentor' }, admin);
  assert.deepEqual(again.data, first.data, 'a second award returns the first one unchanged');
  const { rows } = await f.db.query('SELECT r.source, count(ub.*)::int AS awards FROM auth_user_references r LEFT JOIN user_badges ub ON ub.user_id = r.id WHERE r.id = $1 GROUP BY r.source', [learner.id]);
  assert.deepEqual(rows, [{ source: 'REPAIR', awards: 1 }]);

  assert.deepEqual(errorCodes(await f.gql(AWARD, { userId: String(learner.id), slug: 'no-such-badge' }, admin)), ['NOT_FOUND']);
  assert.deepEqual(errorCodes(await f.gql(AWARD, { userId: '1999999999', slug: 'mentor' }, admin)), ['NOT_FOUND'], 'a user auth does not know');
  const { rowCount } = await f.db.query('SELECT 1 FROM auth_user_references WHERE id = 1999999999');
  assert.equal(rowCount, 0, 'no reference for a user auth does not know');
});

test('a demoted admin cannot award once auth says so (roles for writes come from introspection)', async () => {
  const admin = await f.signIn(['USER', 'ADMIN']);
  const learner = await f.signIn();
  f.auth.users.set(admin.id, ['USER']); // demoted at auth; the token still says ADMIN
  assert.deepEqual(errorCodes(await f.gql(AWARD, { userId: String(learner.id), slug: 'mentor' }, admin)), ['FORBIDDEN']);
});
