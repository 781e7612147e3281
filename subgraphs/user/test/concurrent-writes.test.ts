// Writes to one user that race an admin's awardBadge of the badge the write's rule awards, over
// real HTTP and PostgreSQL: both must succeed every time (a deadlock, 40P01, would surface as
// INTERNAL_SERVER_ERROR) and every learner ends with each badge.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { errorCodes, startFixture, type Fixture, type SignedIn } from './support/fixture.ts';
import type { GraphQLResult } from './support/harness.ts';

let f: Fixture;
before(async () => {
  f = await startFixture('user_concurrent_writes');
});
after(() => f?.stop());

const CREATE = `mutation($input: CreateGoalInput!) { createGoal(input: $input) { id } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateGoalInput!) { updateGoal(id: $id, input: $input) { id } }`;
const PROFILE = `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { displayName } }`;
const AWARD = `mutation($userId: ID!, $slug: String!) { awardBadge(userId: $userId, badgeSlug: $slug) { badge { slug } } }`;
const ROUNDS = 16;
const FULL_PROFILE = { displayName: 'Ada', bio: 'Counts things.', avatarUrl: 'https://cdn.example/ada.png', location: 'London' };

test(`a write and an admin's award of the badge its rule awards, at once, ${ROUNDS} rounds: no error, every badge awarded`, async () => {
  const admin = await f.signIn(['USER', 'ADMIN']);
  const failures: string[] = [];
  const race = async (round: number, name: string, learner: SignedIn, slug: string, write: () => Promise<GraphQLResult>) => {
    const [written, awarded] = await Promise.all([write(), f.gql(AWARD, { userId: String(learner.id), slug }, admin)]);
    for (const [who, result] of [[name, written], [`awardBadge ${slug}`, awarded]] as const) {
      if (errorCodes(result).length > 0) failures.push(`round ${round} ${who}: ${errorCodes(result).join(', ')}`);
    }
    return written;
  };
  const learners: SignedIn[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const learner = await f.signIn();
    learners.push(learner);
    // Even rounds: the reference exists beforehand (as after any first write). Odd rounds: the
    // first race also read-repairs it on both sides (no UserCreated consumed for this user).
    const mentor = () => f.gql(AWARD, { userId: String(learner.id), slug: 'mentor' }, admin);
    if (round % 2 === 0) assert.deepEqual(errorCodes(await mentor()), []);
    const created = await race(round, 'createGoal', learner, 'first-goal', () => f.gql(CREATE, { input: { title: `Goal ${round}` } }, learner));
    const goalId = (created.data?.createGoal as { id: string } | undefined)?.id ?? '1';
    await race(round, 'updateGoal COMPLETED', learner, 'first-goal-completed', () => f.gql(UPDATE, { id: goalId, input: { status: 'COMPLETED' } }, learner));
    await race(round, 'updateProfile', learner, 'profile-completed', () => f.gql(PROFILE, { input: FULL_PROFILE }, learner));
    if (round % 2 === 1) assert.deepEqual(errorCodes(await mentor()), []);
  }
  assert.deepEqual(failures, []);
  const { rows } = await f.db.query(
    'SELECT b.slug, count(*)::int AS learners FROM user_badges ub JOIN badges b ON b.id = ub.badge_id WHERE ub.user_id = ANY($1::int[]) GROUP BY b.slug ORDER BY b.slug',
    [learners.map((l) => l.id)],
  );
  assert.deepEqual(rows, ['first-goal', 'first-goal-completed', 'mentor', 'profile-completed'].map((slug) => ({ slug, learners: ROUNDS })), 'every learner has each badge');
});
