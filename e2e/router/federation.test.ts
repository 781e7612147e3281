// Through the router on the real stack: one signUp, then one `me` whose fields come from both
// subgraphs; profile and goal changes through the router, owned by their user only.
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import { errorCode, signUp, type SignedUp } from '../support/client.ts';
import { startStack, type Stack } from '../support/stack.ts';

let stack: Stack;

before(async () => {
  stack = await startStack({ label: 'e2e_router_federation' });
});

after(() => stack?.stop());

const ME = 'query Me { me { id email roles profile { displayName } badges { badge { slug } } goals { title } } }';

describe('signUp, then me across both subgraphs', () => {
  test('me is one object with identity from auth and profile, badges and goals from user', async () => {
    const account = await signUp(stack.routerUrl);
    const result = await stack.graphql(ME, {}, { token: account.accessToken });
    assert.equal(result.status, 200);
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    assert.deepEqual(result.data, {
      me: { id: account.user.id, email: account.user.email, roles: ['USER'], profile: { displayName: null }, badges: [], goals: [] },
    });
    assert.ok(result.headers.get('x-request-id'), 'the router returns a request id');
  });
});

describe('profile and goals through the router', () => {
  let owner: SignedUp;
  let other: SignedUp;

  before(async () => {
    owner = await signUp(stack.routerUrl);
    other = await signUp(stack.routerUrl);
  });

  test('updateProfile changes the owner’s profile, seen in me', async () => {
    const updated = await stack.graphql<{ updateProfile: { displayName: string; bio: string } }>(
      'mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { displayName bio } }',
      { input: { displayName: 'Ada', bio: 'Learning GraphQL federation' } },
      { token: owner.accessToken },
    );
    assert.equal(updated.errors, undefined, JSON.stringify(updated.errors));
    assert.deepEqual(updated.data?.updateProfile, { displayName: 'Ada', bio: 'Learning GraphQL federation' });
    const me = await stack.graphql<{ me: { profile: { displayName: string } } }>('{ me { profile { displayName } } }', {}, { token: owner.accessToken });
    assert.equal(me.data?.me.profile.displayName, 'Ada');
    const others = await stack.graphql<{ me: { profile: { displayName: string | null } } }>('{ me { profile { displayName } } }', {}, { token: other.accessToken });
    assert.equal(others.data?.me.profile.displayName, null, 'the other user’s profile is untouched');
  });

  test('updateProfile without a token is UNAUTHENTICATED', async () => {
    const result = await stack.graphql('mutation { updateProfile(input: { bio: "x" }) { bio } }');
    assert.equal(errorCode(result), 'UNAUTHENTICATED');
  });

  test('goal create, update, list and delete; another user can neither change nor delete it', async () => {
    const created = await stack.graphql<{ createGoal: { id: string; title: string; status: string; progress: number } }>(
      'mutation ($input: CreateGoalInput!) { createGoal(input: $input) { id title status progress } }',
      { input: { title: 'Read the federation spec' } },
      { token: owner.accessToken },
    );
    assert.equal(created.errors, undefined, JSON.stringify(created.errors));
    const goal = created.data!.createGoal;
    assert.deepEqual({ ...goal, id: undefined }, { id: undefined, title: 'Read the federation spec', status: 'ACTIVE', progress: 0 });

    const UPDATE = 'mutation ($id: ID!, $input: UpdateGoalInput!) { updateGoal(id: $id, input: $input) { id progress status } }';
    const updated = await stack.graphql<{ updateGoal: { progress: number } }>(UPDATE, { id: goal.id, input: { progress: 60 } }, { token: owner.accessToken });
    assert.equal(updated.errors, undefined, JSON.stringify(updated.errors));
    assert.equal(updated.data?.updateGoal.progress, 60);

    const hijack = await stack.graphql(UPDATE, { id: goal.id, input: { progress: 0, title: 'mine now' } }, { token: other.accessToken });
    assert.ok(['FORBIDDEN', 'NOT_FOUND'].includes(String(errorCode(hijack))), `another user's update is refused: ${JSON.stringify(hijack.errors)}`);
    const hijackDelete = await stack.graphql('mutation ($id: ID!) { deleteGoal(id: $id) }', { id: goal.id }, { token: other.accessToken });
    assert.ok(['FORBIDDEN', 'NOT_FOUND'].includes(String(errorCode(hijackDelete))), `another user's delete is refused: ${JSON.stringify(hijackDelete.errors)}`);

    const othersView = await stack.graphql('query ($id: ID!) { user(id: $id) { id goals { title } } }', { id: owner.user.id }, { token: other.accessToken });
    assert.equal(errorCode(othersView), 'FORBIDDEN', 'goals are only for the viewer themself');

    const listed = await stack.graphql<{ me: { goals: Array<{ id: string; progress: number; title: string }> } }>('{ me { goals { id title progress } } }', {}, { token: owner.accessToken });
    assert.deepEqual(listed.data?.me.goals, [{ id: goal.id, title: 'Read the federation spec', progress: 60 }], 'unchanged by the other user');

    const deleted = await stack.graphql<{ deleteGoal: boolean }>('mutation ($id: ID!) { deleteGoal(id: $id) }', { id: goal.id }, { token: owner.accessToken });
    assert.equal(deleted.data?.deleteGoal, true);
    const after = await stack.graphql<{ me: { goals: unknown[] } }>('{ me { goals { id } } }', {}, { token: owner.accessToken });
    assert.deepEqual(after.data?.me.goals, []);
  });
});
