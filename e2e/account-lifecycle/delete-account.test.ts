// deleteAccount through the router, across both subgraphs and Kafka: the user database keeps only
// the tombstone of the deleted user, user(id) is null, the address signs up again as a new id with
// a fresh reference; the same with the user subgraph down during the deletion; and read-repair
// (an admin's award to the deleted id) does not bring the user back.
import { strict as assert } from 'node:assert';
import { after, test } from 'node:test';
import pg from 'pg';
import { createLogger } from '@tracklore/shared/logger';
import { createDb } from '../../subgraphs/auth/src/db.ts';
import { grantRole } from '../../subgraphs/auth/src/domain/roles.ts';
import { errorCode, signUp, TEST_PASSWORD, uniqueEmail, type SignedUp } from '../support/client.ts';
import { startStack } from '../support/stack.ts';
import { eventually } from '../../subgraphs/user/test/support/harness.ts';
import { GONE, holdingsOf } from '../../subgraphs/user/test/support/holdings.ts';

const stack = await startStack({ label: 'e2e_account_deletion' });
after(() => stack.stop());
const userDb = new pg.Client({ connectionString: stack.databases.user });
await userDb.connect();
after(() => userDb.end());

const holdings = (id: number) => holdingsOf(userDb, id);

/** A signed-up user with a saved profile, a goal and the badge that goal earns. */
async function activeUser(email = uniqueEmail('lifecycle')): Promise<SignedUp & { id: number }> {
  const account = await signUp(stack.routerUrl, email);
  const id = Number(account.user.id);
  const profile = await stack.graphql('mutation { updateProfile(input: { displayName: "Ada", bio: "counts" }) { displayName } }', {}, { token: account.accessToken });
  assert.equal(profile.errors, undefined, JSON.stringify(profile.errors));
  const goal = await stack.graphql('mutation { createGoal(input: { title: "learn" }) { id } }', {}, { token: account.accessToken });
  assert.equal(goal.errors, undefined, JSON.stringify(goal.errors));
  assert.deepEqual(await holdings(id), { references: 1, profiles: 1, goals: 1, badges: 1, tombstones: 0 });
  return { ...account, id };
}

async function deleteAccount(token: string): Promise<void> {
  const result = await stack.graphql<{ deleteAccount: boolean }>('mutation($p: String!) { deleteAccount(password: $p) }', { p: TEST_PASSWORD }, { token });
  assert.equal(result.data?.deleteAccount, true, JSON.stringify(result.errors));
}

const userById = (id: number) => stack.graphql<{ user: unknown }>('query($id: ID!) { user(id: $id) { id profile { displayName } badges { awardedAt } } }', { id: String(id) });

test('deleteAccount: only the tombstone remains, user(id) is null, the address signs up again as a new id with a fresh reference', async () => {
  const email = uniqueEmail('lifecycle.again');
  const account = await activeUser(email);
  assert.notEqual((await userById(account.id)).data?.user, null);

  await deleteAccount(account.accessToken);
  await eventually(async () => (await holdings(account.id)).tombstones === 1, 'the UserDeleted to be consumed');
  assert.deepEqual(await holdings(account.id), GONE);
  const gone = await userById(account.id);
  assert.equal(gone.errors, undefined, JSON.stringify(gone.errors));
  assert.equal(gone.data?.user, null);

  const again = await signUp(stack.routerUrl, email);
  const newId = Number(again.user.id);
  assert.notEqual(newId, account.id);
  await eventually(async () => (await holdings(newId)).references === 1, 'the new reference');
  assert.deepEqual(await holdings(newId), { references: 1, profiles: 1, goals: 0, badges: 0, tombstones: 0 });
  const fresh = await userById(newId);
  assert.deepEqual(fresh.data?.user, { id: String(newId), profile: { displayName: null }, badges: [] });
  assert.deepEqual(await holdings(account.id), GONE, 'the old id stays deleted');
});

test('with the user subgraph down during the deletion, everything is removed once it is back', async () => {
  const account = await activeUser();
  await stack.user.stop();
  try {
    await deleteAccount(account.accessToken);
    assert.equal((await holdings(account.id)).references, 1, 'nothing could consume it yet');
  } finally {
    await stack.user.start();
  }
  await eventually(async () => (await holdings(account.id)).tombstones === 1, 'the UserDeleted to be consumed after the restart');
  assert.deepEqual(await holdings(account.id), GONE);
});

test('read-repair after the deletion does not recreate the user: the admin award is NOT_FOUND, the old token UNAUTHENTICATED', async () => {
  const adminEmail = uniqueEmail('lifecycle.admin');
  await signUp(stack.routerUrl, adminEmail);
  const authDb = createDb({ url: stack.databases.auth, logger: createLogger('e2e', 'silent') });
  try {
    await grantRole(authDb, adminEmail, 'ADMIN');
  } finally {
    await authDb.$disconnect();
  }
  const admin = await stack.graphql<{ logIn: { accessToken: string } }>('mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { accessToken } }', { e: adminEmail, p: TEST_PASSWORD });
  const adminToken = admin.data?.logIn.accessToken;
  assert.ok(adminToken, JSON.stringify(admin.errors));

  const account = await activeUser();
  await deleteAccount(account.accessToken);
  await eventually(async () => (await holdings(account.id)).tombstones === 1, 'the UserDeleted to be consumed');

  const award = await stack.graphql(`mutation { awardBadge(userId: "${account.id}", badgeSlug: "first-goal") { awardedAt } }`, {}, { token: adminToken });
  assert.equal(errorCode(award), 'NOT_FOUND', JSON.stringify(award.errors));
  const write = await stack.graphql('mutation { createGoal(input: { title: "from beyond" }) { id } }', {}, { token: account.accessToken });
  assert.equal(errorCode(write), 'UNAUTHENTICATED', JSON.stringify(write.errors));
  assert.deepEqual(await holdings(account.id), GONE);
});
