import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWK } from 'jose';
import { createAuthKeys } from './jwks.ts';

async function keyPair(kid: string) {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA' };
  const sign = () => new SignJWT({}).setProtectedHeader({ alg: 'EdDSA', kid }).setSubject('1').sign(privateKey);
  return { jwk, sign };
}

/** An injected fetch serving `sets()` or failing while `down` is true. */
function jwksFetch(sets: () => JWK[]) {
  const state = { down: false, calls: 0 };
  const fetchImpl = (async () => {
    state.calls += 1;
    if (state.down) throw new TypeError('fetch failed');
    return new Response(JSON.stringify({ keys: sets() }), { status: 200 });
  }) as typeof fetch;
  return { state, fetchImpl };
}

test('keys are fetched once and reused while fresh', async () => {
  const a = await keyPair('a');
  const { state, fetchImpl } = jwksFetch(() => [a.jwk]);
  const keys = createAuthKeys({ jwksUrl: 'http://auth.test/.well-known/jwks.json', fetch: fetchImpl });
  for (let i = 0; i < 3; i++) await jwtVerify(await a.sign(), keys);
  assert.equal(state.calls, 1);
});

test('an unknown kid refreshes the set (rotation without logging anyone out)', async () => {
  const a = await keyPair('a');
  const b = await keyPair('b');
  let published = [a.jwk];
  const { state, fetchImpl } = jwksFetch(() => published);
  const keys = createAuthKeys({ jwksUrl: 'http://auth.test/jwks', fetch: fetchImpl, cooldownMs: 0 });
  await jwtVerify(await a.sign(), keys);
  published = [a.jwk, b.jwk];
  await jwtVerify(await b.sign(), keys);
  assert.equal(state.calls, 2);
});

test('a stale set keeps verifying known keys while auth is down, refreshing in the background at most once per cooldown', async () => {
  const a = await keyPair('a');
  const { state, fetchImpl } = jwksFetch(() => [a.jwk]);
  // maxAge 0: the set is stale at once, as it would be after 10 minutes.
  const keys = createAuthKeys({ jwksUrl: 'http://auth.test/jwks', fetch: fetchImpl, maxAgeMs: 0, cooldownMs: 60_000 });
  await jwtVerify(await a.sign(), keys);
  state.down = true;
  for (let i = 0; i < 5; i++) await jwtVerify(await a.sign(), keys);
  assert.equal(state.calls, 2, 'one initial fetch, one throttled background refresh');
  const unknown = await keyPair('z');
  await assert.rejects(jwtVerify(await unknown.sign(), keys), 'a kid never seen cannot be verified without auth');
});

test('a kid rotated in while the set is stale is verified once the background refresh lands', async () => {
  const a = await keyPair('a');
  const b = await keyPair('b');
  let published = [a.jwk];
  const { fetchImpl } = jwksFetch(() => published);
  const keys = createAuthKeys({ jwksUrl: 'http://auth.test/jwks', fetch: fetchImpl, maxAgeMs: 0, cooldownMs: 0 });
  await jwtVerify(await a.sign(), keys);
  published = [a.jwk, b.jwk];
  await jwtVerify(await b.sign(), keys);
});
