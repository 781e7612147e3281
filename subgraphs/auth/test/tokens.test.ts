// Access tokens: only the service's own EdDSA tokens with the right iss/aud, unexpired, untampered,
// of a live session are accepted, by GraphQL (`me`) and by introspection alike.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { createHmac } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { systemClock } from '@tracklore/shared/clock';
import { errorCode, INTERNAL_API_SECRET, signUp, startTestAuth, uniqueEmail } from './helpers.ts';

const t = await startTestAuth('auth_tokens');
const session = await signUp(t, uniqueEmail('tokens'));
const { rows } = await t.sql.query<{ kid: string; private_jwk: JWK; public_jwk: JWK }>('SELECT kid, private_jwk, public_jwk FROM signing_keys WHERE retired_at IS NULL');
const active = rows[0]!;
const realKey = await importJWK(active.private_jwk, 'EdDSA');
const claims = decodeJwt(session.accessToken);

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function introspect(token: string): Promise<{ active: boolean; [k: string]: unknown }> {
  const response = await fetch(`${t.auth.url}/internal/introspect`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-service-secret': INTERNAL_API_SECRET },
    body: JSON.stringify({ token }),
  });
  assert.equal(response.status, 200);
  return (await response.json()) as { active: boolean };
}

async function me(token: string): Promise<unknown> {
  const result = await t.gql<{ me: { id: string } | null }>('{ me { id } }', {}, { token });
  assert.equal(result.errors, undefined);
  return result.data?.me ?? null;
}

/** A token must be refused everywhere: no viewer, introspection inactive, auth-only mutations UNAUTHENTICATED. */
async function assertRejected(token: string, label: string): Promise<void> {
  assert.equal(await me(token), null, `${label}: me`);
  assert.deepEqual(await introspect(token), { active: false }, `${label}: introspection`);
  const result = await t.gql('mutation { logOutEverywhere }', {}, { token });
  assert.equal(errorCode(result), 'UNAUTHENTICATED', `${label}: logOutEverywhere`);
}

function signWith(payload: Record<string, unknown>, header: Record<string, unknown> = { alg: 'EdDSA', kid: active.kid }) {
  return new SignJWT(payload).setProtectedHeader(header as { alg: string }).sign(realKey);
}

test('a fresh token carries the contract claims and works', async () => {
  const header = decodeProtectedHeader(session.accessToken);
  assert.equal(header.alg, 'EdDSA');
  assert.equal(header.kid, active.kid);
  assert.equal(claims.iss, t.config.issuer);
  assert.equal(claims.aud, t.config.audience);
  assert.equal(claims.sub, session.user.id);
  assert.deepEqual(claims.roles, ['USER']);
  assert.equal(typeof claims.jti, 'string');
  assert.equal(typeof claims.sid, 'string');
  assert.equal((claims.exp ?? 0) - (claims.iat ?? 0), 900);
  assert.equal(session.expiresIn, 900);
  assert.deepEqual(await me(session.accessToken), { id: session.user.id });
  const info = await introspect(session.accessToken);
  assert.deepEqual(info, { active: true, userId: Number(session.user.id), sessionId: claims.sid, roles: ['USER'], exp: claims.exp });
});

test('alg none is rejected', async () => {
  await assertRejected(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`, 'none');
});

test('HS256 signed with the public key as the secret is rejected', async () => {
  const header = b64({ alg: 'HS256', kid: active.kid });
  const body = b64(claims);
  for (const secret of [JSON.stringify(active.public_jwk), String(active.public_jwk.x), Buffer.from(String(active.public_jwk.x), 'base64url')]) {
    const signature = createHmac('sha256', secret).update(`${header}.${body}`).digest('base64url');
    await assertRejected(`${header}.${body}.${signature}`, 'HS256');
  }
});

test('a tampered payload is rejected', async () => {
  const [h, , s] = session.accessToken.split('.');
  await assertRejected(`${h}.${b64({ ...claims, roles: ['USER', 'ADMIN'] })}.${s}`, 'tampered');
});

test('expired, wrong issuer, wrong audience and foreign-key tokens are rejected', async () => {
  const now = Math.floor(systemClock.now() / 1000);
  await assertRejected(await signWith({ ...claims, iat: now - 1000, exp: now - 60 }), 'expired');
  await assertRejected(await signWith({ ...claims, iss: 'https://evil.example' }), 'iss');
  await assertRejected(await signWith({ ...claims, aud: 'someone-else' }), 'aud');
  const foreign = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  await assertRejected(await new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid: active.kid }).sign(foreign.privateKey), 'foreign key');
  await assertRejected(await new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid: 'unknown-kid' }).sign(foreign.privateKey), 'unknown kid');
  await assertRejected('not.a.jwt', 'garbage');
  // Control: the same helper with the real claims is accepted, so the rejections above are real.
  assert.deepEqual(await me(await signWith({ ...claims })), { id: session.user.id });
});

test('a token of a revoked session is rejected (introspection inactive), other sessions live on', async () => {
  const email = uniqueEmail('revoked');
  const first = await signUp(t, email);
  const second = await t.gql<{ logIn: { accessToken: string } }>('mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { accessToken } }', { e: email, p: 'correct horse battery staple' });
  const secondToken = second.data!.logIn.accessToken;
  const sid = decodeJwt(secondToken).sid;
  const revoked = await t.gql<{ revokeSession: boolean }>('mutation($id: ID!) { revokeSession(id: $id) }', { id: sid }, { token: first.accessToken });
  assert.equal(revoked.data?.revokeSession, true);
  await assertRejected(secondToken, 'revoked session');
  assert.equal((await introspect(first.accessToken)).active, true);
  // logOut with the refresh token ends the first session too.
  const out = await t.gql<{ logOut: boolean }>('mutation($r: String!) { logOut(refreshToken: $r) }', { r: first.refreshToken });
  assert.equal(out.data?.logOut, true);
  await assertRejected(first.accessToken, 'logged out');
});
