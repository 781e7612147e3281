import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { createLocalJWKSet, type JWTVerifyGetKey } from 'jose';
import { FakeClock } from '@tracklore/devkit/fake-clock';
import { systemClock } from '@tracklore/shared/clock';
import { AppError } from '@tracklore/shared/errors';
import { createAccessTokenVerifier } from '@tracklore/shared/tokens/access-token';
import { accessTokenClaims, signAccessToken } from './access-token.ts';
import { generateKeyMaterial, importPrivateKey } from './key-material.ts';

const base = { userId: 42, roles: ['USER', 'ADMIN'] as const, sessionId: 'b7c1e0f2-3a4d-4e5f-8a9b-0c1d2e3f4a5b', issuer: 'http://auth.test', audience: 'tracklore', ttlSeconds: 900 };

test('claims: sub is the user id as a string, exp = iat + ttl, roles and sid carried', () => {
  const claims = accessTokenClaims({ ...base, nowMs: 1_800_000_000_999, jti: 'j-1' });
  assert.deepEqual(claims, {
    iss: 'http://auth.test', aud: 'tracklore', sub: '42', iat: 1_800_000_000, exp: 1_800_000_900, jti: 'j-1',
    roles: ['USER', 'ADMIN'], sid: base.sessionId,
  });
  const a = accessTokenClaims({ ...base, nowMs: 0 });
  const b = accessTokenClaims({ ...base, nowMs: 0 });
  assert.notEqual(a.jti, b.jti);
});

test('a signed token verifies with the shared verifier; its kid and claims survive', async () => {
  const material = await generateKeyMaterial();
  assert.equal('d' in material.publicJwk, false);
  const key = { kid: material.kid, alg: 'EdDSA' as const, privateKey: await importPrivateKey(material.privateJwk) };
  const nowMs = systemClock.now(); // jose checks expiry against the real time
  const token = await signAccessToken(accessTokenClaims({ ...base, nowMs }), key);
  const verify = createAccessTokenVerifier({ keys: createLocalJWKSet({ keys: [material.publicJwk] }), issuer: base.issuer, audience: base.audience });
  const verified = await verify(token);
  assert.equal(verified.userId, 42);
  assert.deepEqual(verified.roles, ['USER', 'ADMIN']);
  assert.equal(verified.sessionId, base.sessionId);
  assert.equal(verified.exp, Math.floor(nowMs / 1000) + 900);
  const other = createAccessTokenVerifier({ keys: createLocalJWKSet({ keys: [material.publicJwk] }), issuer: base.issuer, audience: 'other' });
  await assert.rejects(other(token), (e: unknown) => e instanceof AppError && e.code === 'UNAUTHENTICATED');
  const expired = await signAccessToken(accessTokenClaims({ ...base, nowMs: nowMs - 3600_000 }), key);
  await assert.rejects(verify(expired), (e: unknown) => e instanceof AppError && /expired/.test(e.message));
});

test('a verified token is remembered until it expires: one signature check per token, failures never remembered', async () => {
  const material = await generateKeyMaterial();
  const key = { kid: material.kid, alg: 'EdDSA' as const, privateKey: await importPrivateKey(material.privateJwk) };
  const jwks = createLocalJWKSet({ keys: [material.publicJwk] });
  let keyLookups = 0; // jose asks for the key once per signature it checks
  const counted: JWTVerifyGetKey = (header, token) => {
    keyLookups += 1;
    return jwks(header, token);
  };
  const clock = new FakeClock(Date.UTC(2026, 11, 3, 12, 0, 0));
  const verify = createAccessTokenVerifier({ keys: counted, issuer: base.issuer, audience: base.audience, clock });
  const token = await signAccessToken(accessTokenClaims({ ...base, nowMs: clock.now() }), key);
  const first = await verify(token);
  const second = await verify(token);
  assert.equal(keyLookups, 1);
  assert.equal(second, first);
  assert.throws(() => (first.roles as string[]).push('ADMIN'), TypeError, 'remembered claims are shared, so frozen');

  const other = await signAccessToken(accessTokenClaims({ ...base, userId: 7, nowMs: clock.now() }), key);
  assert.equal((await verify(other)).userId, 7);
  assert.equal(keyLookups, 2);

  // A tampered token (same header and claims, another signature) is checked and refused, every time.
  const tampered = `${token.slice(0, token.lastIndexOf('.') + 1)}${'A'.repeat(86)}`;
  for (let i = 0; i < 2; i += 1) await assert.rejects(verify(tampered), (e: unknown) => e instanceof AppError && e.code === 'UNAUTHENTICATED');
  assert.equal(keyLookups, 4);

  // Past exp + the 5 s tolerance, the remembered token is refused like any expired one.
  clock.advance((base.ttlSeconds + 4) * 1000);
  assert.equal((await verify(token)).userId, 42);
  clock.advance(2000);
  await assert.rejects(verify(token), (e: unknown) => e instanceof AppError && /expired/.test(e.message));
  assert.equal(keyLookups, 5);
});

test('the cache is bounded (oldest dropped first) and can be turned off', async () => {
  const material = await generateKeyMaterial();
  const key = { kid: material.kid, alg: 'EdDSA' as const, privateKey: await importPrivateKey(material.privateJwk) };
  const jwks = createLocalJWKSet({ keys: [material.publicJwk] });
  let keyLookups = 0;
  const counted: JWTVerifyGetKey = (header, token) => {
    keyLookups += 1;
    return jwks(header, token);
  };
  const nowMs = systemClock.now();
  const [a, b, c] = await Promise.all([1, 2, 3].map((userId) => signAccessToken(accessTokenClaims({ ...base, userId, nowMs }), key)));
  const bounded = createAccessTokenVerifier({ keys: counted, issuer: base.issuer, audience: base.audience, cacheMaxEntries: 2 });
  for (const token of [a, b, c, c, b]) await bounded(token!);
  assert.equal(keyLookups, 3, 'b and c are still remembered');
  await bounded(a!);
  assert.equal(keyLookups, 4, 'a was dropped when c came in');

  keyLookups = 0;
  const off = createAccessTokenVerifier({ keys: counted, issuer: base.issuer, audience: base.audience, cacheMaxEntries: 0 });
  for (let i = 0; i < 3; i += 1) await off(a!);
  assert.equal(keyLookups, 3);
});
