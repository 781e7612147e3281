// Ending a session with two auth instances on one database: it takes effect at once for writes
// (mutations and the user subgraph's writes check the database) and for reads on the other
// instance as soon as its NOTIFY arrives (its session cache is dropped). Instance B's cache TTL is
// far longer than the test, so only the notification can explain a refused read.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { createStatementLog } from '@tracklore/devkit/statement-log';
import { signGatewayHeader, GATEWAY_HEADER } from '@tracklore/shared/gateway-trust';
import { createLogger } from '@tracklore/shared/logger';
import { startAuth, type RunningAuth } from '../../subgraphs/auth/src/app.ts';
import { loadAuthConfig } from '../../subgraphs/auth/src/config.ts';
import { errorCode, graphqlRequest, signUp, TEST_PASSWORD, type SignedUp } from '../support/client.ts';
import { startStack, type Stack } from '../support/stack.ts';

const LONG_TTL = { SESSION_CACHE_TTL_MS: '60000' };
let stack: Stack;
let b: RunningAuth;
const bSql = createStatementLog();
let clearedOnB = 0;
const clearWaiters: Array<() => void> = [];

before(async () => {
  stack = await startStack({ label: 'e2e_session_revocation', env: { auth: LONG_TTL } });
  b = await startAuth(loadAuthConfig({ ...stack.env.auth, ...LONG_TTL, AUTH_PORT: '0' }), {
    logger: createLogger('auth-b', stack.env.auth.LOG_LEVEL ?? 'warn'),
    onSqlStatement: bSql.record,
    onSessionCacheCleared: () => {
      clearedOnB += 1;
      for (const wake of clearWaiters.splice(0)) wake();
    },
  });
});
after(async () => {
  await b?.stop();
  await stack?.stop();
});

/** Resolves at B's next session-cache clear after `since` clears (i.e. once a NOTIFY arrived). */
function clearedOnBAfter(since: number): Promise<void> {
  if (clearedOnB > since) return Promise.resolve();
  return new Promise((resolve) => clearWaiters.push(() => resolve()));
}

const signed = (token: string) => ({ headers: { [GATEWAY_HEADER]: signGatewayHeader(stack.secrets.gateway) }, token });
const meOnB = (token: string) => graphqlRequest<{ me: { id: string } | null }>(`${b.url}/graphql`, '{ me { id } }', {}, signed(token));

async function logIn(account: SignedUp): Promise<{ accessToken: string; refreshToken: string }> {
  const result = await stack.graphql<{ logIn: { accessToken: string; refreshToken: string } }>(
    'mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { accessToken refreshToken } }',
    { e: account.user.email, p: TEST_PASSWORD },
  );
  assert.ok(result.data?.logIn, JSON.stringify(result.errors));
  return result.data.logIn;
}

/**
 * B has `token`'s session cached: a read there costs no statement. Up to three reads, because a
 * clear() that lands while the first read is at the database (any instance's revocation NOTIFY,
 * e.g. the previous test's, delivered late on a loaded machine) rightly keeps that row out.
 */
async function cachedOnB(token: string, userId: string): Promise<void> {
  await meOnB(token);
  let statements = -1;
  for (let read = 0; read < 3 && statements !== 0; read += 1) {
    bSql.take();
    const warm = await meOnB(token);
    assert.equal(warm.data?.me?.id, userId);
    statements = bSql.take().length;
  }
  assert.equal(statements, 0, 'B answers from its session cache');
}

test('logOut on instance A: B refuses the old access token for reads once notified, and writes are refused at once', async () => {
  const account = await signUp(stack.routerUrl);
  const session = await logIn(account);
  await cachedOnB(session.accessToken, account.user.id);

  const before = clearedOnB;
  const out = await stack.graphql<{ logOut: boolean }>('mutation($r: String!) { logOut(refreshToken: $r) }', { r: session.refreshToken });
  assert.equal(out.data?.logOut, true, JSON.stringify(out.errors));

  // Writes: at once, before any notification is waited for — on B, and through the router on
  // both subgraphs (the user subgraph introspects at auth for every write by default).
  const writeOnB = await graphqlRequest(`${b.url}/graphql`, 'mutation { logOutEverywhere }', {}, signed(session.accessToken));
  assert.equal(errorCode(writeOnB), 'UNAUTHENTICATED');
  const userWrite = await stack.graphql('mutation { updateProfile(input: { bio: "after logout" }) { bio } }', {}, { token: session.accessToken });
  assert.equal(errorCode(userWrite), 'UNAUTHENTICATED', JSON.stringify(userWrite.errors));

  await clearedOnBAfter(before);
  const read = await meOnB(session.accessToken);
  assert.equal(read.data?.me, null, 'the logged-out session reads nothing on B');
});

test('revokeSession on instance A ends that session on B; the session that revoked it keeps working', async () => {
  const account = await signUp(stack.routerUrl);
  const [victim, keeper] = [await logIn(account), await logIn(account)];
  await cachedOnB(victim.accessToken, account.user.id);
  await cachedOnB(keeper.accessToken, account.user.id);
  const sessions = await stack.graphql<{ me: { sessions: Array<{ id: string; current: boolean }> } }>('{ me { sessions { id current } } }', {}, { token: victim.accessToken });
  const victimId = sessions.data?.me.sessions.find((s) => s.current)?.id;
  assert.ok(victimId, JSON.stringify(sessions.errors));

  const before = clearedOnB;
  const revoked = await stack.graphql<{ revokeSession: boolean }>('mutation($id: ID!) { revokeSession(id: $id) }', { id: victimId }, { token: keeper.accessToken });
  assert.equal(revoked.data?.revokeSession, true, JSON.stringify(revoked.errors));
  await clearedOnBAfter(before);

  assert.equal((await meOnB(victim.accessToken)).data?.me, null, 'the revoked session reads nothing on B');
  assert.equal((await meOnB(keeper.accessToken)).data?.me?.id, account.user.id, 'the other session still reads on B');
  const write = await graphqlRequest(`${b.url}/graphql`, 'mutation($id: ID!) { revokeSession(id: $id) }', { id: victimId }, signed(victim.accessToken));
  assert.equal(errorCode(write), 'UNAUTHENTICATED', 'nor can it write there');
});
