// Refresh-token rotation: each refresh hands out a new pair; presenting a token that was already
// exchanged ends the whole session, including the token that replaced it.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { decodeJwt } from 'jose';
import { AUTH_PAYLOAD, errorCode, signUp, startTestAuth, uniqueEmail, type AuthPayload } from './helpers.ts';

const t = await startTestAuth('auth_refresh');

const refresh = (refreshToken: string) =>
  t.gql<{ refreshSession: AuthPayload }>(`mutation($r: String!) { refreshSession(refreshToken: $r) { ${AUTH_PAYLOAD} } }`, { r: refreshToken });

const sessionsOf = (token: string) =>
  t.gql<{ me: { sessions: Array<{ id: string; current: boolean; userAgent: string | null; ipAddress: string | null; createdAt: string; lastUsedAt: string }> } }>(
    '{ me { sessions { id current userAgent ipAddress createdAt lastUsedAt } } }', {}, { token });

test('refresh rotates: a new pair in the same session; only the hash is stored', async () => {
  // x-forwarded-for as the router sends it: the client's address, appended last.
  const first = await signUp(t, uniqueEmail('rotate'), undefined, { headers: { 'user-agent': 'TestBrowser/1.0', 'x-forwarded-for': '203.0.113.9' } });
  const second = await refresh(first.refreshToken);
  assert.equal(second.errors, undefined);
  const next = second.data!.refreshSession;
  assert.notEqual(next.refreshToken, first.refreshToken);
  assert.match(next.refreshToken, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(decodeJwt(next.accessToken).sid, decodeJwt(first.accessToken).sid);
  assert.equal(next.user.email, first.user.email);
  const stored = await t.sql.query('SELECT token_hash, rotated_at FROM refresh_tokens WHERE session_id = $1 ORDER BY created_at', [decodeJwt(first.accessToken).sid]);
  assert.equal(stored.rows.length, 2);
  assert.ok(stored.rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash) && r.token_hash !== first.refreshToken && r.token_hash !== next.refreshToken));
  assert.notEqual(stored.rows[0].rotated_at, null);
  assert.equal(stored.rows[1].rotated_at, null);
  const sessions = await sessionsOf(next.accessToken);
  assert.equal(sessions.data?.me.sessions.length, 1);
  assert.equal(sessions.data?.me.sessions[0]?.current, true);
  assert.equal(sessions.data?.me.sessions[0]?.userAgent, 'TestBrowser/1.0');
  assert.equal(sessions.data?.me.sessions[0]?.ipAddress, '203.0.113.9', 'the address the session was started from, not the refresh request\'s');
  // and the newest token keeps working
  assert.equal((await refresh(next.refreshToken)).errors, undefined);
});

test('reusing a rotated token fails and revokes the family: the newer token dies too', async () => {
  const first = await signUp(t, uniqueEmail('reuse'));
  const rotated = (await refresh(first.refreshToken)).data!.refreshSession;
  const reuse = await refresh(first.refreshToken);
  assert.equal(errorCode(reuse), 'UNAUTHENTICATED');
  const newer = await refresh(rotated.refreshToken);
  assert.equal(errorCode(newer), 'UNAUTHENTICATED');
  const me = await t.gql<{ me: unknown }>('{ me { id } }', {}, { token: rotated.accessToken });
  assert.equal(me.data?.me, null, 'the access token of the revoked session no longer counts');
  const { rows } = await t.sql.query('SELECT revoked_at, revoked_reason FROM sessions WHERE id = $1', [decodeJwt(first.accessToken).sid]);
  assert.equal(rows[0].revoked_reason, 'refresh-token-reuse');
});

test('unknown, malformed and logged-out refresh tokens are UNAUTHENTICATED', async () => {
  assert.equal(errorCode(await refresh('x'.repeat(43))), 'UNAUTHENTICATED');
  assert.equal(errorCode(await refresh('not a token')), 'UNAUTHENTICATED');
  const session = await signUp(t, uniqueEmail('loggedout'));
  const out = await t.gql<{ logOut: boolean }>('mutation($r: String!) { logOut(refreshToken: $r) }', { r: session.refreshToken });
  assert.equal(out.data?.logOut, true);
  assert.equal(errorCode(await refresh(session.refreshToken)), 'UNAUTHENTICATED');
  const unknown = await t.gql<{ logOut: boolean }>('mutation($r: String!) { logOut(refreshToken: $r) }', { r: 'y'.repeat(43) });
  assert.equal(unknown.data?.logOut, false);
});

test('sessions: listed for the viewer only, current marked; logOutEverywhere ends them all', async () => {
  const email = uniqueEmail('many');
  const a = await signUp(t, email);
  const b = (await t.gql<{ logIn: AuthPayload }>(`mutation($e: String!) { logIn(email: $e, password: "correct horse battery staple") { ${AUTH_PAYLOAD} } }`, { e: email })).data!.logIn;
  const listed = (await sessionsOf(b.accessToken)).data!.me.sessions;
  assert.equal(listed.length, 2);
  assert.deepEqual(listed.filter((s) => s.current).map((s) => s.id), [decodeJwt(b.accessToken).sid]);
  const other = await signUp(t, uniqueEmail('other'));
  const peek = await t.gql('query($id: ID!) { user(id: $id) { id sessions { id } } }', { id: a.user.id }, { token: other.accessToken });
  assert.equal(errorCode(peek), 'FORBIDDEN');
  const everywhere = await t.gql<{ logOutEverywhere: boolean }>('mutation { logOutEverywhere }', {}, { token: a.accessToken });
  assert.equal(everywhere.data?.logOutEverywhere, true);
  assert.equal(errorCode(await refresh(a.refreshToken)), 'UNAUTHENTICATED');
  assert.equal(errorCode(await refresh(b.refreshToken)), 'UNAUTHENTICATED');
  assert.equal((await t.gql<{ me: unknown }>('{ me { id } }', {}, { token: b.accessToken })).data?.me, null);
  // someone else's session id cannot be revoked (and is not confirmed to exist)
  const foreign = await t.gql('mutation($id: ID!) { revokeSession(id: $id) }', { id: decodeJwt(other.accessToken).sid }, { token: (await signUp(t)).accessToken });
  assert.equal(errorCode(foreign), 'NOT_FOUND');
});
