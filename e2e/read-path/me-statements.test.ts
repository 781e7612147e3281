// What one signed-in `me` costs the subgraphs, counted at each service's pg pool: through the
// router, a user with a profile, 5 goals and 3 badges costs auth one statement (the joined
// session + user lookup; none while the session is cached) and the user subgraph two (profile +
// badges, goals), and a read never writes.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { createStatementLog, isWrite } from '@tracklore/devkit/statement-log';
import { graphqlRequest, signUp, TEST_PASSWORD, type SignedUp } from '../support/client.ts';
import { startStack, type Stack } from '../support/stack.ts';

const authSql = createStatementLog();
const userSql = createStatementLog();
let stack: Stack;
let account: SignedUp;

const ME = `query Me { me { id email roles
  profile { displayName bio avatarUrl location updatedAt }
  goals { id title status progress targetDate createdAt updatedAt }
  badges { badge { slug name description } awardedAt } } }`;

before(async () => {
  stack = await startStack({
    label: 'e2e_read_statements',
    deps: { auth: { onSqlStatement: authSql.record }, user: { onSqlStatement: userSql.record } },
    env: {
      // Background work must not run during a counted request: the relay and mail sender wake on
      // NOTIFY only, and the session cache outlives the test (the count must not depend on timing).
      auth: { OUTBOX_POLL_INTERVAL_MS: '3600000', SESSION_CACHE_TTL_MS: '60000' },
    },
  });
  account = await signUp(stack.routerUrl);
  const write = async (query: string, variables: Record<string, unknown> = {}) => {
    const result = await stack.graphql(query, variables, { token: account.accessToken });
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    return result.data as Record<string, { id: string }>;
  };
  const goalIds: string[] = [];
  for (let i = 1; i <= 5; i += 1) goalIds.push((await write('mutation($t: String!) { createGoal(input: { title: $t }) { id } }', { t: `Goal ${i}` })).createGoal!.id);
  await write('mutation($id: ID!) { updateGoal(id: $id, input: { status: COMPLETED, progress: 100 }) { id } }', { id: goalIds[0] });
  await write('mutation { updateProfile(input: { displayName: "Ada", bio: "Counts statements", avatarUrl: "https://cdn.example/ada.png", location: "London" }) { displayName } }');
});
after(() => stack?.stop());

/** Waits (bounded) until the UserCreated event is published and consumed, so no background statement runs. */
async function settle(): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    const [auth, user] = await Promise.all([fetch(`${stack.auth.url}/ready`), fetch(`${stack.user.url}/ready`)]);
    const a = (await auth.json()) as { checks: { outbox?: { pending?: number } } };
    const u = (await user.json()) as { checks: { kafka?: { lag?: number | null } } };
    if (a.checks.outbox?.pending === 0 && u.checks.kafka?.lag === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the UserCreated event was not published and consumed');
}

async function countedMe(token: string): Promise<{ auth: string[]; user: string[] }> {
  authSql.take();
  userSql.take();
  const result = await stack.graphql<{ me: { id: string; goals: unknown[]; badges: unknown[]; profile: { displayName: string } } }>(ME, {}, { token });
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  assert.equal(result.data?.me.id, account.user.id);
  assert.equal(result.data?.me.profile.displayName, 'Ada');
  assert.equal(result.data?.me.goals.length, 5);
  assert.equal(result.data?.me.badges.length, 3, 'first goal, first goal completed, profile completed');
  return { auth: authSql.take(), user: userSql.take() };
}

const list = (statements: string[]) => statements.map((s) => `  ${s.replace(/\s+/g, ' ').slice(0, 160)}`).join('\n');

test('a signed-in me costs auth 1 statement (0 while its session is cached), the user subgraph 2 (1 once it knows the token), and writes nothing', async () => {
  // A fresh session, never seen by auth's session cache.
  const login = await graphqlRequest<{ logIn: { accessToken: string } }>(
    stack.routerUrl,
    'mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { accessToken } }',
    { e: account.user.email, p: TEST_PASSWORD },
  );
  const token = login.data?.logIn.accessToken;
  assert.ok(token, JSON.stringify(login.errors));
  await settle();

  const cold = await countedMe(token);
  const warm = await countedMe(token);
  const all = [...cold.auth, ...cold.user, ...warm.auth, ...warm.user];
  const counts = { authNotCached: cold.auth.length, authCached: warm.auth.length, user: cold.user.length, userAgain: warm.user.length, writes: all.filter(isWrite).length };
  const shown = `auth (not cached):\n${list(cold.auth)}\nauth (cached):\n${list(warm.auth)}\nuser:\n${list(cold.user)}\nuser (again):\n${list(warm.user)}`;
  // Exact: one joined session + user lookup at auth, none while cached. User: profile, badges and
  // goals in one statement; the first time it sees a token, its signature check (WebCrypto, off the
  // main thread) ends after the profile + badges batch was sent, so goals take a second one.
  assert.deepEqual(counts, { authNotCached: 1, authCached: 0, user: 2, userAgain: 1, writes: 0 }, shown);
});
